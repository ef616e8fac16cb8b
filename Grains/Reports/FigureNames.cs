namespace StoriBoard.Reports;

/// <summary>The counters of one hour, as they are named in the store: counts, milliseconds and wait buckets.</summary>
public static class FigureNames
{
    public const string Started = "started";
    public const string AiOnly = "ai_only";
    public const string PeerChats = "peer_chats";
    public const string Abandoned = "abandoned";
    public const string RedFlags = "red_flags";
    public const string RedFlagsReached = "red_flags_reached";
    public const string RedFlagsNeverReached = "red_flags_never_reached";
    public const string CrisisHandOvers = "take_overs_crisis";
    public const string SupervisorTakeOvers = "take_overs_supervisor";
    public const string Ratings = "ratings";
    public const string RatingSum = "rating_sum";
    public const string OnShiftMs = "on_shift_ms";
    public const string ChatMs = "chat_ms";

    /// <summary>Seeker message received to the AI's reply stored.</summary>
    public const string AiReplyWait = "ai_reply";

    /// <summary>Asked for a peer to a supporter joining.</summary>
    public const string PeerWait = "peer_wait";

    /// <summary>A conversation first becoming a red flag to a crisis-trained supporter being with it.</summary>
    public const string CrisisWait = "crisis_wait";

    public static string Rating(int stars) => $"rating_{stars}";

    public static string Bucket(string wait, int bucket) => $"{wait}:{bucket}";

    /// <summary>The bucket of a wait's counter, or false for a counter that is not one of <paramref name="wait"/>'s.</summary>
    public static bool TryBucket(string field, string wait, out int bucket)
    {
        bucket = 0;
        return field.Length > wait.Length + 1 && field.StartsWith(wait, StringComparison.Ordinal) && field[wait.Length] == ':'
            && int.TryParse(field.AsSpan(wait.Length + 1), System.Globalization.NumberStyles.None, null, out bucket);
    }
}
