namespace StoriBoard.Responding;

/// <summary>Composes what the AI says from the analysis and the conversation so far, out of the reviewed content library.</summary>
public interface IResponder
{
    /// <summary>The AI's answer to the seeker message just received, or null when the AI should stay quiet (a peer is talking).</summary>
    AiReply? Reply(ReplyContext context);

    /// <summary>What the seeker sees while waiting for a peer: their place and a short holding exercise, never silence.</summary>
    AiReply WhileWaiting(ReplyContext context, QueueStanding standing);

    /// <summary>The card a supporter sees so the person need not repeat their story.</summary>
    HandoffCard Handoff(ReplyContext context);
}

/// <param name="Text">The seeker's message (in-process only; never logged).</param>
/// <param name="Latest">The analysis of that message.</param>
/// <param name="ConversationThemes">Themes accumulated over the conversation, strongest first.</param>
/// <param name="RiskHistory">The risk of each seeker message so far, oldest first, the latest included.</param>
/// <param name="SeekerMessageCount">How many messages the seeker has sent, this one included.</param>
/// <param name="AlreadyOffered">Ids of content already given in this conversation (no repeats).</param>
public sealed record ReplyContext(
    string Text,
    MessageAnalysis Latest,
    ThemeScore[] ConversationThemes,
    RiskLevel[] RiskHistory,
    ConversationStatus Status,
    string Region,
    string Language,
    int SeekerMessageCount,
    IReadOnlyCollection<string> AlreadyOffered);

/// <param name="ContentIds">Ids of the library items used, so they are not offered again.</param>
/// <param name="ConnectPeer">True when a human would help now: the conversation asks the matchmaker for a peer.</param>
public sealed record AiReply(string Text, MessagePart[] Parts, string[] ContentIds, bool ConnectPeer);
