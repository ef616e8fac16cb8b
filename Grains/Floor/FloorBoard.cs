namespace StoriBoard.Floor;

/// <summary>
/// The floor as last told: every open conversation and every staff member online or away. Pure (the clock is passed
/// in), so each rule of what shows where reads and tests on its own.
/// </summary>
public sealed class FloorBoard
{
    private readonly Dictionary<string, ConversationOnFloor> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SupporterOnFloor> _staff = new(StringComparer.Ordinal);

    public bool Knows(string conversationId) => _conversations.ContainsKey(conversationId);

    /// <summary>True when the floor changed. An ended conversation leaves it.</summary>
    public bool Apply(ConversationOnFloor conversation)
    {
        if (conversation.Status == ConversationStatus.Ended)
        {
            return _conversations.Remove(conversation.ConversationId);
        }

        var changed = !_conversations.TryGetValue(conversation.ConversationId, out var before) || !Same(before, conversation);
        _conversations[conversation.ConversationId] = conversation;
        return changed;
    }

    /// <summary>True when the floor changed. Someone offline leaves it.</summary>
    public bool Apply(SupporterOnFloor supporter)
    {
        if (supporter.Presence == Presence.Offline)
        {
            return _staff.Remove(supporter.SupporterId);
        }

        var changed = !_staff.TryGetValue(supporter.SupporterId, out var before) || !Same(before, supporter);
        _staff[supporter.SupporterId] = supporter;
        return changed;
    }

    /// <summary>Whether someone's rest ended in (<paramref name="after"/>, <paramref name="upTo"/>]: their state changed with no one telling.</summary>
    public bool RestEndedBetween(DateTimeOffset after, DateTimeOffset upTo) =>
        _staff.Values.Any(s => s.RestingUntil > after && s.RestingUntil <= upTo);

    public FloorView View(DateTimeOffset now, TimeSpan alarmAfter)
    {
        var waiting = _conversations.Values
            .Where(c => c.Status == ConversationStatus.Waiting)
            .Select(c => new FloorWaitingConversation(c.ConversationId, c.Risk, c.Kind, c.Language, c.WaitingSince ?? now, c.Themes))
            .OrderByDescending(c => c.Risk).ThenBy(c => c.WaitingSince)
            .ToArray();
        var byRisk = RiskLevels.All
            .Select(level => (level, those: waiting.Where(c => c.Risk == level).ToArray()))
            .Select(l => new FloorWaitingLevel(l.level, l.those.Length, l.those.Length == 0 ? null : l.those.Min(c => c.WaitingSince)))
            .ToArray();

        var redFlags = _conversations.Values
            .Where(c => c.Risk.IsRedFlag() && !c.SupporterCrisisTrained)
            .Select(c => new FloorRedFlag(c.ConversationId, c.Risk, c.Kind, c.RedFlagSince ?? c.WaitingSince ?? now, c.Status, c.Supporter?.DisplayName))
            .OrderBy(c => c.Since)
            .ToArray();

        var staff = _staff.Values
            .Select(s => new FloorSupporter(s.SupporterId, s.Profile.DisplayName, s.Profile.Role, StateOf(s, now), s.ActiveChats.Length,
                s.Profile.MaxConcurrentChats, s.Profile.CrisisTrained, s.Profile.Languages))
            .OrderBy(s => s.State).ThenBy(s => s.DisplayName, StringComparer.CurrentCulture)
            .ToArray();

        var chats = _conversations.Values
            .Where(c => c.Status == ConversationStatus.Peer && c.Supporter is not null)
            .Select(c => new FloorChat(c.ConversationId, c.Supporter!.SupporterId, c.Supporter.DisplayName, c.Risk, c.Trend,
                c.PeerSince ?? c.WaitingSince ?? now, c.Supervisors))
            .OrderByDescending(c => c.Risk).ThenBy(c => c.StartedAt)
            .ToArray();

        return new FloorView(
            new FloorWaiting(byRisk, waiting),
            new FloorRedFlags(redFlags, (int)alarmAfter.TotalSeconds),
            staff,
            chats,
            now);
    }

    /// <summary>Away is what they said; a cool-down after a red flag is rest; otherwise free while there is room.</summary>
    public static FloorState StateOf(SupporterOnFloor supporter, DateTimeOffset now) =>
        supporter.Presence == Presence.Away ? FloorState.Away
        : supporter.RestingUntil > now ? FloorState.Resting
        : supporter.ActiveChats.Length >= supporter.Profile.MaxConcurrentChats ? FloorState.Busy
        : FloorState.Free;

    // Records compare arrays by reference: what a note carries is compared by value here.
    private static bool Same(ConversationOnFloor a, ConversationOnFloor b) =>
        a with { Themes = b.Themes, Supervisors = b.Supervisors } == b
        && a.Themes.SequenceEqual(b.Themes) && a.Supervisors.SequenceEqual(b.Supervisors);

    private static bool Same(SupporterOnFloor a, SupporterOnFloor b) =>
        a with { ActiveChats = b.ActiveChats, Profile = b.Profile } == b
        && a.ActiveChats.Order(StringComparer.Ordinal).SequenceEqual(b.ActiveChats.Order(StringComparer.Ordinal))
        && a.Profile.DisplayName == b.Profile.DisplayName && a.Profile.Role == b.Profile.Role
        && a.Profile.CrisisTrained == b.Profile.CrisisTrained && a.Profile.MaxConcurrentChats == b.Profile.MaxConcurrentChats
        && a.Profile.Languages.SequenceEqual(b.Profile.Languages);
}
