namespace StoriBoard.Continuity;

/// <summary>Check-ins, bound from the "StoriBoard:CheckIns" configuration section.</summary>
public sealed class CheckInOptions : ISettings
{
    public const string Section = "StoriBoard:CheckIns";

    /// <summary>The furthest ahead a check-in may be set, in days.</summary>
    public int MaxDaysAhead { get; set; } = 14;

    /// <summary>
    /// How often a check-in's reminder fires again until it is handled: only matters after a failure or a restart that
    /// missed its time. Orleans checks it against its minimum reminder period.
    /// </summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When set, every check-in comes this long after it is scheduled, whatever time was chosen: for tests and
    /// demonstrations only, never in service.
    /// </summary>
    public TimeSpan? Delay { get; set; }

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (MaxDaysAhead is < 1 or > 60)
        {
            yield return $"{Name(nameof(MaxDaysAhead))} must be 1 to 60.";
        }

        if (RetryPeriod < TimeSpan.FromSeconds(1))
        {
            yield return $"{Name(nameof(RetryPeriod))} must be at least one second.";
        }

        if (Delay is { } delay && (delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(1)))
        {
            yield return $"{Name(nameof(Delay))} must be longer than zero and at most a day.";
        }
    }
}
