namespace StoriBoard.Conversations;

/// <summary>What each participant is shown of a conversation and its messages.</summary>
public static class ConversationViews
{
    /// <param name="standing">The latest place in the queue, shown while waiting.</param>
    /// <param name="handoff">The hand-off card, for supporters and supervisors only.</param>
    public static ConversationView For(
        string conversationId, ConversationRecord record, Role role, QueueStanding? standing, Func<HandoffCard> handoff)
    {
        var waiting = record.Status == ConversationStatus.Waiting;
        return new ConversationView(
            conversationId,
            record.Status,
            record.ThemesByStrength().Select(t => t.Id).ToArray(),
            record.Risk.Level,
            record.Supporter,
            waiting ? standing?.Position : null,
            record.StartedAt,
            waiting && standing is { NobodyOnline: false } ? standing.EstimatedWaitSeconds : null,
            role == Role.Seeker ? null : handoff(),
            record.Risk.Trend,
            record.Risk.Level.IsRedFlag() ? record.Safety.Kind : null,
            waiting && standing is { NobodyOnline: true } ? true : null,
            record.EndedAt,
            record.Language,
            record.Supervisors.Count > 0 ? record.Supervisors.Select(s => s.DisplayName).ToArray() : null);
    }

    /// <summary>The wrap-up of a chat that had a supporter; null for one the AI alone had.</summary>
    public static WrapUpView? WrapUp(string conversationId, ConversationRecord record) => record.Supporter is { } supporter
        ? new WrapUpView(
            conversationId,
            supporter.SupporterId,
            supporter.DisplayName,
            record.StartedAt,
            record.EndedAt,
            record.Rating,
            record.SupporterNote,
            record.Risk.Highest,
            record.ThemesByStrength().Select(t => t.Id).ToArray(),
            record.Risk.Highest.IsRedFlag() ? record.Safety.Kind : null)
        : null;

    /// <summary>A whisper is for the chat's staff only: the help-seeker never receives it, live or in their history.</summary>
    public static bool Sees(Role role, MessageView message) => !(message.Whisper && role == Role.Seeker);

    /// <summary>Seekers never see the analysis of their own words.</summary>
    public static MessageView For(MessageView message, Role role) =>
        role == Role.Seeker && message.Analysis is not null ? message with { Analysis = null } : message;
}
