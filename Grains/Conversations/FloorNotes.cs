namespace StoriBoard.Conversations;

/// <summary>What a conversation tells the supervisors' floor of itself: read from its record, never from its transcript.</summary>
public static class FloorNotes
{
    public static ConversationOnFloor Of(string conversationId, ConversationRecord record)
    {
        var changes = record.Safety.Changes;
        var last = changes.Count > 0 ? changes[^1] : null;
        var trend = last is null ? Trend.Steady
            : last.To > last.From ? Trend.Rising
            : last.To < last.From ? Trend.Falling
            : Trend.Steady;

        // When the red flag now standing was raised: the latest change from below a red flag to one.
        var raised = changes.LastOrDefault(c => c.To.IsRedFlag() && !c.From.IsRedFlag())?.At;
        return new ConversationOnFloor(
            conversationId,
            record.Exists ? record.Status : ConversationStatus.Ended,
            record.Risk.Level,
            record.Risk.Level.IsRedFlag() ? record.Safety.Kind : null,
            trend,
            record.Language,
            record.ThemesByStrength().Select(t => t.Id).ToArray(),
            record.WaitingSince,
            record.Risk.Level.IsRedFlag() ? raised ?? record.WaitingSince ?? record.StartedAt : null,
            record.Supporter,
            record.Supporter is not null && record.SupporterCrisisTrained,
            record.PeerSince,
            record.Supervisors.Select(s => s.DisplayName).ToArray());
    }
}
