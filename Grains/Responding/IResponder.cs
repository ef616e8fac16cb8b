namespace StoriBoard.Responding;

/// <summary>Composes what the AI says from the analysis and the conversation so far, out of the reviewed content library.</summary>
public interface IResponder
{
    /// <summary>The AI's answer to the seeker message just received, or null when the AI should stay quiet (a peer is talking).</summary>
    AiReply? Reply(ReplyContext context);

    /// <summary>
    /// What the seeker sees while waiting for a peer: their place and a short holding exercise, never silence; with
    /// <paramref name="still"/>, a word again when the wait runs long.
    /// </summary>
    AiReply WhileWaiting(ReplyContext context, QueueStanding standing, bool still = false);

    /// <summary>At the end of a chat that left no plan: an offer to write down one small step for tomorrow.</summary>
    AiReply OfferPlanStep(ReplyContext context);
}

/// <param name="Text">The seeker's message (in-process only; never logged).</param>
/// <param name="Latest">The analysis of that message.</param>
/// <param name="ConversationThemes">Themes accumulated over the conversation, strongest first.</param>
/// <param name="RecentRisk">The risk of the latest seeker messages, oldest first, this one included.</param>
/// <param name="HighestRisk">The highest risk of any seeker message in the conversation.</param>
/// <param name="SeekerMessageCount">How many messages the seeker has sent, this one included.</param>
/// <param name="AlreadyOffered">Ids of content already given in this conversation (no repeats).</param>
/// <param name="TurnRisk">The risk this turn was judged at: the message's own, or higher when an answer or its context raised it.</param>
/// <param name="ConversationRisk">The conversation's risk now (it can fall, by rules or by a person).</param>
/// <param name="Kind">The red flag's kind, when there is one.</param>
/// <param name="Ask">The direct question to ask in this reply, if any.</param>
/// <param name="AskingAgain">The question is asked again in other words, after an unclear answer.</param>
/// <param name="MeansSpoken">Means or a plan were spoken of: the reply asks for them to be put out of reach.</param>
public sealed record ReplyContext(
    string Text,
    MessageAnalysis Latest,
    ThemeScore[] ConversationThemes,
    IReadOnlyList<RiskLevel> RecentRisk,
    RiskLevel HighestRisk,
    ConversationStatus Status,
    string Region,
    string Language,
    int SeekerMessageCount,
    IReadOnlyCollection<string> AlreadyOffered)
{
    public RiskLevel TurnRisk { get; init; } = Latest.RedFlag && !Latest.Risk.Level.IsRedFlag() ? RiskLevel.High : Latest.Risk.Level;

    public RiskLevel ConversationRisk { get; init; } = Latest.Risk.Level;

    public RedFlagKind? Kind { get; init; } = Latest.Kind;

    public DirectQuestion? Ask { get; init; }

    public bool AskingAgain { get; init; }

    public bool MeansSpoken { get; init; }

    /// <summary>The red flag came from the model alone, unsure: the reply asks directly instead of sending to emergency services.</summary>
    public bool Unsure { get; init; }

    /// <summary>The language the message was written in when the helpline does not serve it; null otherwise.</summary>
    public string? Spoken { get; init; }
}

/// <param name="ContentIds">Ids of the library items used, so they are not offered again.</param>
/// <param name="ConnectPeer">True when a human would help now: the conversation asks the matchmaker for a peer.</param>
public sealed record AiReply(string Text, MessagePart[] Parts, string[] ContentIds, bool ConnectPeer);
