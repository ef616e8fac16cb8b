using System.Globalization;
using StoriBoard.Continuity;

namespace StoriBoard.Conversations;

/// <summary>
/// The hand-off card's line on the person over time: "Third conversation in the last 7 days; mood at check-ins falling
/// since Monday (from 4 to 2). A red flag in an earlier conversation (12 days ago)." Days are named in the person's
/// time zone when their check-ins know it, else in UTC.
/// </summary>
public static class PatternSentences
{
    /// <summary>The line, or null when the pattern has nothing to say.</summary>
    /// <param name="openedAt">When the conversation opened, the moment the pattern was read: "12 days ago" counts from it.</param>
    public static string? Write(PersonPattern? pattern, DateTimeOffset openedAt)
    {
        if (pattern is null)
        {
            return null;
        }

        var zone = PatternReader.Zone(pattern.TimeZone) ?? TimeZoneInfo.Utc;
        var visits = pattern.ConversationsThisWeek switch
        {
            < 2 => null,
            <= 10 and var count => $"{Ordinal(count)} conversation in the last 7 days",
            var count => $"{count} conversations in the last 7 days",
        };
        var mood = Mood(pattern, openedAt, zone);
        var first = (visits, mood) switch
        {
            (null, null) => null,
            (null, _) => $"{char.ToUpperInvariant(mood![0])}{mood[1..]}.",
            (_, null) => $"{visits}.",
            _ => $"{visits}; {mood}.",
        };
        var redFlag = pattern.EarlierRedFlagAt is { } at ? $"A red flag in an earlier conversation ({DaysAgo(at, openedAt, zone)})." : null;
        string?[] sentences = [first, redFlag];
        var line = string.Join(' ', sentences.OfType<string>());
        return line.Length > 0 ? line : null;
    }

    /// <summary>"mood at check-ins falling since Monday (from 4 to 2)", "... steady (3 to 4)", or null.</summary>
    private static string? Mood(PersonPattern pattern, DateTimeOffset openedAt, TimeZoneInfo zone)
    {
        var moods = pattern.Moods;
        if (pattern.MoodTrend is not { } trend || moods.Length == 0)
        {
            return null;
        }

        if (trend == Trend.Steady)
        {
            var recent = moods[^Math.Min(PatternReader.SteadyDays, moods.Length)..];
            var (low, high) = (recent.Min(m => m.Mood), recent.Max(m => m.Mood));
            return low == high ? $"mood at check-ins steady at {low}" : $"mood at check-ins steady ({low} to {high})";
        }

        if (pattern.MoodTrendSince is not { } since || moods.FirstOrDefault(m => m.At == since) is not { } from)
        {
            return null;
        }

        var way = trend == Trend.Falling ? "falling" : "rising";
        return $"mood at check-ins {way} since {Day(since, openedAt, zone)} (from {from.Mood} to {moods[^1].Mood})";
    }

    /// <summary>"yesterday", a weekday within the last week, else the date: never a weekday that could mean two days.</summary>
    private static string Day(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone)
    {
        var day = TimeZoneInfo.ConvertTime(at, zone).Date;
        var days = (TimeZoneInfo.ConvertTime(now, zone).Date - day).Days;
        return days switch
        {
            <= 0 => "earlier today",
            1 => "yesterday",
            < 7 => day.ToString("dddd", CultureInfo.InvariantCulture),
            _ => day.ToString("d MMMM", CultureInfo.InvariantCulture),
        };
    }

    private static string DaysAgo(DateTimeOffset at, DateTimeOffset now, TimeZoneInfo zone)
    {
        var days = (TimeZoneInfo.ConvertTime(now, zone).Date - TimeZoneInfo.ConvertTime(at, zone).Date).Days;
        return days switch
        {
            <= 0 => "earlier today",
            1 => "yesterday",
            _ => $"{days} days ago",
        };
    }

    private static string Ordinal(int count) => count switch
    {
        2 => "Second", 3 => "Third", 4 => "Fourth", 5 => "Fifth", 6 => "Sixth", 7 => "Seventh", 8 => "Eighth", 9 => "Ninth",
        _ => "Tenth",
    };
}
