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

    /// <param name="RedFlags">Messages labelled high or imminent.</param>
    /// <param name="Caught">Of those, judged a red flag.</param>
    /// <param name="Raised">Messages judged a red flag, labelled so or not.</param>
    /// <param name="Unsure">Red flags judged unsure (asked about directly), among all raised.</param>
    /// <param name="KindRight">Caught red flags whose kind was read right.</param>
    public sealed record Scores(
        string Set, int Messages, int RedFlags, int Caught, int Raised, int Unsure, int Imminent, int ImminentCaught,
        int KindRight, double ThemeMicroF1, IReadOnlyDictionary<string, int> MissedByKind)
    {
        public double Recall => RedFlags == 0 ? 1 : (double)Caught / RedFlags;

        public double Precision => Raised == 0 ? 1 : (double)Caught / Raised;
    }

    public static Scores Score(SeekerTurnReader reader, string file)
    {
        int redFlags = 0, caught = 0, raised = 0, unsure = 0, imminent = 0, imminentCaught = 0, kindRight = 0, count = 0;
        double themeHits = 0, themeFalse = 0, themeMissed = 0;
        var missed = new Dictionary<string, int>();
        foreach (var message in File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Message>(l, Json)!))
        {
            count++;
            RiskLevels.TryParse(message.Risk, out var gold);
            var alone = reader.Read(message.Text);
            var judgement = reader.Judge(new SafetyState(), RiskLevel.None, message.Text, alone, previous: null, DateTimeOffset.UnixEpoch);
            var flagged = judgement.Risk.IsRedFlag();
            raised += flagged ? 1 : 0;
            unsure += flagged && judgement.Unsure ? 1 : 0;
            if (gold.IsRedFlag())
            {
                redFlags++;
                caught += flagged ? 1 : 0;
                kindRight += flagged && judgement.Kind?.Id() == message.Kind ? 1 : 0;
                if (!flagged)
                {
                    var kind = message.Kind ?? "unknown";
                    missed[kind] = missed.GetValueOrDefault(kind) + 1;
                }
            }

            if (gold == RiskLevel.Imminent)
            {
                imminent++;
                imminentCaught += flagged ? 1 : 0;
            }

            var goldThemes = (message.Themes ?? []).ToHashSet();
            var found = alone.Themes.Select(t => t.Id).ToHashSet();
            themeHits += goldThemes.Intersect(found).Count();
            themeFalse += found.Except(goldThemes).Count();
            themeMissed += goldThemes.Except(found).Count();
        }

        var f1 = themeHits == 0 ? 0 : 2 * themeHits / (2 * themeHits + themeFalse + themeMissed);
        return new Scores(Path.GetFileName(file), count, redFlags, caught, raised, unsure, imminent, imminentCaught, kindRight, f1, missed);
    }

    public static string Markdown(IEnumerable<Scores> sets)
    {
        var rows = sets.Select(s =>
            $"| `{s.Set}` | {s.Messages} | {(s.RedFlags == 0 ? "—" : $"{s.Recall:0.000} ({s.Caught} of {s.RedFlags})")} | " +
            $"{(s.RedFlags == 0 ? "—" : $"{s.Precision:0.000}")} | {s.Raised} ({s.Unsure} unsure) | " +
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
