namespace StoriBoard.Conversations;

/// <summary>
/// The risk read over a conversation: the conversation's level, the last few dozen messages' levels and a count per
/// level. Bounded, so a long chat's state stays small however many messages it holds.
/// </summary>
[GenerateSerializer, Alias("StoriBoard.Conversations.RiskRecord")]
public sealed class RiskRecord
{
    /// <summary>Enough for the hand-off card and the trend; older levels live on in <see cref="Counts"/>.</summary>
    public const int RecentKept = 40;

    /// <summary>
    /// The conversation's risk as judged now: raised by any message read higher, lowered only by the safety
    /// judgement's rules or by a person (<see cref="Set"/>).
    /// </summary>
    [Id(0)] public RiskLevel Level { get; set; }

    /// <summary>The latest messages' levels, oldest first.</summary>
    [Id(1)] public List<RiskLevel> Recent { get; set; } = [];

    /// <summary>How many seeker messages were read at each level, indexed by the level's value.</summary>
    [Id(2)] public int[] Counts { get; set; } = new int[RiskLevels.All.Count];

    public RiskLevel Highest => RiskLevels.All.LastOrDefault(level => Counts[(int)level] > 0);

    /// <summary>Null before the first seeker message.</summary>
    public Trend? Trend => Recent.Count switch
    {
        0 => null,
        1 => StoriBoard.Trend.Steady,
        _ => Recent[^1].CompareTo(Recent[^2]) switch
        {
            > 0 => StoriBoard.Trend.Rising,
            < 0 => StoriBoard.Trend.Falling,
            _ => StoriBoard.Trend.Steady,
        },
    };

    public void Set(RiskLevel level) => Level = level;

    /// <summary>One seeker message's reading; the conversation's risk rises to it, never falls with it.</summary>
    public void Add(RiskLevel level)
    {
        Counts[(int)level]++;
        Recent.Add(level);
        if (Recent.Count > RecentKept)
        {
            Recent.RemoveAt(0);
        }

        if (level > Level)
        {
            Level = level;
        }
    }
}
