namespace StoriBoard.Continuity;

/// <summary>One of the person's earlier conversations as a pattern needs it: when it started, and its risk once closed.</summary>
public readonly record struct ConversationMark(DateTimeOffset StartedAt, RiskLevel? Highest);

/// <summary>A mood trend and the readings it was read from (one a day, oldest first).</summary>
public sealed record MoodPattern(Trend? Trend, DateTimeOffset? Since, MoodReading[] Days);

/// <summary>
/// Reads a person's conversations and check-in moods into what they show over time. Pure, and cautious: with too little
/// to go on it says nothing rather than guess. Nothing older than the retention counts, as nothing older is kept.
/// </summary>
public static class PatternReader
{
    /// <summary>"This week" is the last 7 days, so it means the same on any weekday.</summary>
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>A trend is about the last two weeks: an old good day says nothing about today.</summary>
    public static readonly TimeSpan MoodWindow = TimeSpan.FromDays(14);

    /// <summary>A fall or rise counts from two points on the 1–5 scale; one point is an ordinary day's difference.</summary>
    public const int MoodMove = 2;

    /// <summary>Steady needs this many days in a row within one point of each other; two days are too few to call it.</summary>
    public const int SteadyDays = 3;

    /// <summary>What the person's past shows as a conversation opens at <paramref name="now"/>.</summary>
    /// <param name="earlier">The person's other conversations; those still open have no risk yet and only count as conversations.</param>
    public static PersonPattern Read(DateTimeOffset now, TimeSpan retention, IEnumerable<ConversationMark> earlier, MoodHistory moods)
    {
        var kept = earlier.Where(c => c.StartedAt > now - retention && c.StartedAt <= now).ToList();
        var thisWeek = 1 + kept.Count(c => c.StartedAt > now - Week);
        var redFlag = kept.Where(c => c.Highest?.IsRedFlag() == true).Select(c => (DateTimeOffset?)c.StartedAt).Max();
        var mood = Mood(now, retention, moods);
        return new PersonPattern(thisWeek, mood.Trend, mood.Since, mood.Days, redFlag, Zone(moods.TimeZone) is null ? null : moods.TimeZone);
    }

    /// <summary>
    /// The mood trend from check-ins on different days, each day by its last reading (the person's latest word on it):
    /// <list type="bullet">
    /// <item>Falling: the latest day is lower than the one before, and over the days since the mood last stopped
    /// falling it has come down by <see cref="MoodMove"/> or more. It started on the last day at the top.</item>
    /// <item>Rising: the same upwards.</item>
    /// <item>Steady: the last <see cref="SteadyDays"/> days all within one point.</item>
    /// <item>Otherwise, or with fewer than two days, nothing.</item>
    /// </list>
    /// Days are the person's own, in the time zone they chose their check-ins in, else UTC.
    /// </summary>
    public static MoodPattern Mood(DateTimeOffset now, TimeSpan retention, MoodHistory history)
    {
        var zone = Zone(history.TimeZone) ?? TimeZoneInfo.Utc;
        var from = now - (retention < MoodWindow ? retention : MoodWindow);
        var days = history.Moods
            .Where(m => m.At > from && m.At <= now)
            .OrderBy(m => m.At)
            .GroupBy(m => TimeZoneInfo.ConvertTime(m.At, zone).Date)
            .Select(day => day.Last())
            .ToArray();
        if (days.Length < 2)
        {
            return new MoodPattern(null, null, days);
        }

        foreach (var (trend, sign) in new[] { (Trend.Falling, 1), (Trend.Rising, -1) })
        {
            // sign turns a rise into a fall, so one walk reads both.
            var last = days.Length - 1;
            if (sign * (days[last - 1].Mood - days[last].Mood) <= 0)
            {
                continue;
            }

            var start = last - 1;
            while (start > 0 && sign * (days[start - 1].Mood - days[start].Mood) >= 0)
            {
                start--;
            }

            // The move starts where the mood first changed, not on a flat stretch before it.
            while (days[start + 1].Mood == days[start].Mood)
            {
                start++;
            }

            if (sign * (days[start].Mood - days[last].Mood) >= MoodMove)
            {
                return new MoodPattern(trend, days[start].At, days);
            }

            break; // a one-point move: perhaps steady
        }

        var recent = days[^Math.Min(SteadyDays, days.Length)..];
        var steady = days.Length >= SteadyDays && recent.Max(m => m.Mood) - recent.Min(m => m.Mood) <= 1;
        return new MoodPattern(steady ? Trend.Steady : null, null, days);
    }

    /// <summary>The person's zone, or null for one unknown here (the days are then UTC's).</summary>
    public static TimeZoneInfo? Zone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : null;
}
