using System.Text.Json;
using StoriBoard.Conversations;

namespace StoriBoard.Classification.Training;

/// <summary>
/// Scores single messages by writers who never saw the corpus (<c>messages*.jsonl</c> and <c>trapwords*.jsonl</c> in an
/// evaluation folder) as each would be judged as the first turn of a conversation: the classifier, then the turn's
/// safety judgement. Evaluation only: nothing here is ever trained on or turned into a rule.
/// </summary>
public static class MessageEvaluation
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Message(string Text, string Risk, string? Kind, string[]? Themes);

    /// <param name="RedFlag">Red-flag precision and recall: labelled high or imminent against judged a red flag.</param>
    /// <param name="Raised">Messages judged a red flag, labelled so or not.</param>
    /// <param name="Unsure">Red flags judged unsure (asked about directly), among all raised.</param>
    /// <param name="KindRight">Caught red flags whose kind was read right.</param>
    public sealed record Scores(
        string Set, int Messages, Prf RedFlag, int Raised, int Unsure, int Imminent, int ImminentCaught,
        int KindRight, double ThemeMicroF1, IReadOnlyDictionary<string, int> MissedByKind)
    {
        public int RedFlags => RedFlag.Support;

        public int Caught => (int)Math.Round(RedFlag.Recall * RedFlag.Support);
    }

    public static Scores Score(SeekerTurnReader reader, string file)
    {
        var messages = File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Message>(l, Json)!).ToList();
        var gold = new List<RiskLevel>();
        var judged = new List<RiskLevel>();
        var goldThemes = new List<ISet<string>>();
        var foundThemes = new List<ISet<string>>();
        int unsure = 0, imminent = 0, imminentCaught = 0, kindRight = 0;
        var missed = new Dictionary<string, int>();
        foreach (var message in messages)
        {
            RiskLevels.TryParse(message.Risk, out var label);
            var alone = reader.Read(message.Text);
            var judgement = reader.Judge(new SafetyState(), RiskLevel.None, message.Text, alone, previous: null, DateTimeOffset.UnixEpoch);
            var flagged = judgement.Risk.IsRedFlag();
            gold.Add(label);
            judged.Add(judgement.Risk);
            goldThemes.Add((message.Themes ?? []).ToHashSet());
            foundThemes.Add(alone.Themes.Select(t => t.Id).ToHashSet());
            unsure += flagged && judgement.Unsure ? 1 : 0;
            if (label.IsRedFlag())
            {
                kindRight += flagged && judgement.Kind?.Id() == message.Kind ? 1 : 0;
                if (!flagged)
                {
                    var kind = message.Kind ?? "unknown";
                    missed[kind] = missed.GetValueOrDefault(kind) + 1;
                }
            }

            if (label == RiskLevel.Imminent)
            {
                imminent++;
                imminentCaught += flagged ? 1 : 0;
            }
        }

        var themes = Training.Scores.Themes(StoriBoard.Themes.All, goldThemes, foundThemes);
        return new Scores(
            Path.GetFileName(file), messages.Count, Training.Scores.RedFlag(gold, judged), judged.Count(l => l.IsRedFlag()), unsure,
            imminent, imminentCaught, kindRight, themes.Micro.F1, missed);
    }

    public static string Markdown(IEnumerable<Scores> sets)
    {
        var rows = sets.Select(s =>
            $"| `{s.Set}` | {s.Messages} | {(s.RedFlags == 0 ? "—" : $"{s.RedFlag.Recall:0.000} ({s.Caught} of {s.RedFlags})")} | " +
            $"{(s.RedFlags == 0 ? "—" : $"{s.RedFlag.Precision:0.000}")} | {s.Raised} ({s.Unsure} unsure) | " +
            $"{(s.Imminent == 0 ? "—" : $"{s.ImminentCaught} of {s.Imminent}")} | {(s.Caught == 0 ? "—" : $"{s.KindRight} of {s.Caught}")} | " +
            $"{(s.ThemeMicroF1 == 0 ? "—" : $"{s.ThemeMicroF1:0.000}")} | " +
            $"{(s.MissedByKind.Count == 0 ? "none" : string.Join(", ", s.MissedByKind.OrderBy(m => m.Key).Select(m => $"{m.Key} {m.Value}")))} |");
        return string.Join('\n', [
            "| messages, each as a first turn | n | red-flag recall | precision | raised to a red flag | imminent caught | kind right | theme micro-F1 | missed, by kind |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            .. rows,
        ]);
    }
}
