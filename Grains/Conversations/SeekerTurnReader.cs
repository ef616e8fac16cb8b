using System.Diagnostics;
using StoriBoard.Classification;
using StoriBoard.Telemetry;

namespace StoriBoard.Conversations;

/// <summary>The previous seeker message and the risk it was judged at, for reading the next one in context.</summary>
public readonly record struct PreviousTurn(string Text, RiskLevel Risk);

/// <summary>
/// Reads one seeker turn in its conversation: the classifier on the message (with its red flag's kind), again on the
/// message joined to the turn before when that turn was already worrying, and the safety judgement over both. The one
/// place a turn is judged, for the conversation grain and for the evaluation of whole dialogues alike.
/// </summary>
/// <param name="metrics">Absent when the evaluation tools replay dialogues.</param>
public sealed class SeekerTurnReader(IMessageClassifier classifier, HelplineMetrics? metrics = null)
{
    /// <summary>The classifier's reading of one message alone, with the red flag's kind.</summary>
    public MessageAnalysis Read(string text)
    {
        var started = Stopwatch.GetTimestamp();
        var analysis = classifier.Classify(text);
        metrics?.Classified(Stopwatch.GetElapsedTime(started));
        return analysis.RedFlag && analysis.Kind is null
            ? analysis with { Kind = RedFlagKinds.Infer(text, analysis.Signals, analysis.Themes) }
            : analysis;
    }

    /// <param name="alone">This message read alone (<see cref="Read"/>), already stored with the message.</param>
    /// <param name="current">The conversation's risk before this turn.</param>
    public SafetyJudgement Judge(
        SafetyState state, RiskLevel current, string text, MessageAnalysis alone, PreviousTurn? previous, DateTimeOffset now)
    {
        // "tonight" means more after "I've been saving my pills".
        var withContext = previous is { Risk: >= RiskLevel.Moderate } worrying ? Read($"{worrying.Text}\n{text}") : null;
        return SafetyAssessment.Judge(state, current, text, alone, withContext, now);
    }

    /// <summary>How the next turn will see this one.</summary>
    public static PreviousTurn Remember(string text, MessageAnalysis alone, SafetyJudgement judgement) =>
        new(text, judgement.TurnRisk(alone.Risk.Level));
}
