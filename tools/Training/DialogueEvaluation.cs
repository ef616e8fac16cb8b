using System.Text.Json;
using StoriBoard.Conversations;

namespace StoriBoard.Classification.Training;

/// <summary>
/// Replays the dialogues by other writers (<c>dialogues*.jsonl</c> in an evaluation folder) turn by turn through the same turn
/// judgement the conversation grain uses, and scores it against the turn by which a crisis counsellor would raise the
/// red flag. Evaluation only: nothing here is ever trained on or turned into a rule.
/// </summary>
public static class DialogueEvaluation
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="Flagged">Red-flag dialogues flagged by the counsellor's turn, with one turn of slack.</param>
    /// <param name="YesAnswers">Answers that make the red flag (the counsellor's turn is the answer) flagged at that turn.</param>
    /// <param name="Calm">Everyday and safe-turning dialogues ever flagged.</param>
    /// <param name="NoAnswers">Answer dialogues a counsellor never flags, ever flagged.</param>
    /// <param name="Asked">Turns written as answers whose question the helpline itself had asked just before.</param>
    public sealed record Scores(Share Flagged, Share YesAnswers, Share Calm, Share NoAnswers, Share Asked, Share KindRight);

    public readonly record struct Share(int Hits, int Of)
    {
        public double Rate => Of == 0 ? 0 : (double)Hits / Of;

        public override string ToString() => $"{Hits} of {Of} ({Rate:0.000})";
    }

    private sealed record Dialogue(string Id, string Category, string? Kind, int? FlagTurn, Turn[] Turns);

    private sealed record Turn(string Text, string? Asked);

    /// <param name="writersQuestions">
    /// When the helpline asked nothing before a turn the writer wrote as an answer, put the writer's question in: this
    /// measures how answers are understood, apart from whether the helpline asked.
    /// </param>
    public static Scores Score(SeekerTurnReader reader, IEnumerable<string> files, bool writersQuestions)
    {
        var flagged = new Share();
        var yes = new Share();
        var calm = new Share();
        var no = new Share();
        var asked = new Share();
        var kindRight = new Share();
        foreach (var dialogue in files.SelectMany(File.ReadLines).Where(l => l.Length > 0)
                     .Select(l => JsonSerializer.Deserialize<Dialogue>(l, Json)!))
        {
            var state = new SafetyState();
            var risk = RiskLevel.None;
            PreviousTurn? previous = null;
            int? firstFlag = null;
            RedFlagKind? kindAtFlag = null;
            for (var i = 0; i < dialogue.Turns.Length; i++)
            {
                var turn = dialogue.Turns[i];
                if (turn.Asked is { } written && Question(written) is { } question)
                {
                    asked = Count(asked, state.Pending == question);
                    if (writersQuestions && state.Pending is null)
                    {
                        state.Pending = question;
                    }
                }

                var alone = reader.Read(turn.Text);
                var judgement = reader.Judge(state, risk, turn.Text, alone, previous, DateTimeOffset.UnixEpoch);
                risk = judgement.Risk;
                previous = SeekerTurnReader.Remember(turn.Text, alone, judgement);
                if (risk.IsRedFlag() && firstFlag is null)
                {
                    firstFlag = i + 1;
                    kindAtFlag = judgement.Kind;
                }
            }

            if (dialogue.FlagTurn is { } counsellor)
            {
                flagged = Count(flagged, firstFlag <= counsellor + 1);
                if (dialogue.Kind is { } kind)
                {
                    kindRight = Count(kindRight, kindAtFlag?.Id() == kind);
                }

                if (dialogue.Category == "answer" && dialogue.Turns[counsellor - 1].Asked is not null)
                {
                    yes = Count(yes, firstFlag <= counsellor);
                }
            }
            else if (dialogue.Category is "everyday" or "safe_turning")
            {
                calm = Count(calm, firstFlag is not null);
            }
            else if (dialogue.Category == "answer")
            {
                no = Count(no, firstFlag is not null);
            }
        }

        return new Scores(flagged, yes, calm, no, asked, kindRight);
    }

    public static string Markdown(Scores helplineAsks, Scores writersAsk) => $"""
        | dialogues by other writers | replayed as the helpline asks | with the writers' questions put in |
        | --- | --- | --- |
        | red-flag dialogues flagged by the counsellor's turn (one turn of slack) | {helplineAsks.Flagged} | {writersAsk.Flagged} |
        | yes to the direct question flagged at that turn | {helplineAsks.YesAnswers} | {writersAsk.YesAnswers} |
        | everyday and safe-turning dialogues ever flagged | {helplineAsks.Calm} | {writersAsk.Calm} |
        | no-answer dialogues ever flagged | {helplineAsks.NoAnswers} | {writersAsk.NoAnswers} |
        | answers whose question the helpline had asked | {helplineAsks.Asked} | — |
        | red flags of the right kind at the first flag | {helplineAsks.KindRight} | {writersAsk.KindRight} |
        """;

    private static Share Count(Share share, bool hit) => new(share.Hits + (hit ? 1 : 0), share.Of + 1);

    private static DirectQuestion? Question(string id) => id switch
    {
        "thoughts_of_suicide" => DirectQuestion.ThoughtsOfSuicide,
        "safe_now" => DirectQuestion.SafeNow,
        "taken_anything" => DirectQuestion.TakenAnything,
        "someone_with_you" => DirectQuestion.SomeoneWithYou,
        _ => null,
    };
}
