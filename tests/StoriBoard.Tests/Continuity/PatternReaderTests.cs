using StoriBoard.Continuity;
using StoriBoard.Conversations;

namespace StoriBoard.Tests.Continuity;

/// <summary>The rules that read conversations and check-in moods into a pattern, and the card's line on it.</summary>
[Trait("Tier", "Unit")]
public sealed class PatternReaderTests
{
    // A Thursday evening in London (UTC in December).
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 20, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private static MoodHistory Moods(params (double DaysAgo, int Mood)[] readings) =>
        new([.. readings.Select(r => new MoodReading(Now - TimeSpan.FromDays(r.DaysAgo), r.Mood))], "Europe/London");

    private static MoodPattern Mood(params (double DaysAgo, int Mood)[] readings) => PatternReader.Mood(Now, Retention, Moods(readings));

    [Fact]
    public void Little_data_says_nothing()
    {
        Assert.Null(Mood().Trend);
        Assert.Null(Mood((0, 1)).Trend);

        // Two readings on one day are one day: no trend from a single day, however far apart.
        Assert.Null(Mood((0.3, 5), (0, 1)).Trend);

        var pattern = PatternReader.Read(Now, Retention, [], new MoodHistory([], null));
        Assert.Equal((1, null, null, null), (pattern.ConversationsThisWeek, pattern.MoodTrend, pattern.MoodTrendSince, pattern.EarlierRedFlagAt));
        Assert.Null(PatternSentences.Write(pattern, Now));
    }

    [Fact]
    public void A_fall_of_two_points_over_days_is_falling_and_starts_on_the_last_day_at_the_top()
    {
        var fall = Mood((4, 3), (3, 4), (2, 4), (1, 3), (0, 2));

        Assert.Equal(Trend.Falling, fall.Trend);
        Assert.Equal(Now - TimeSpan.FromDays(2), fall.Since);
        Assert.Equal([3, 4, 4, 3, 2], fall.Days.Select(d => d.Mood));

        // Two days suffice for a clear fall: 5 then 3, though 3 alone is not low.
        Assert.Equal(Trend.Falling, Mood((1, 5), (0, 3)).Trend);
    }

    [Fact]
    public void One_point_up_or_down_is_not_a_trend_and_a_mixed_run_says_nothing()
    {
        Assert.Null(Mood((1, 4), (0, 3)).Trend);
        Assert.Null(Mood((1, 2), (0, 3)).Trend);
        Assert.Null(Mood((3, 5), (2, 2), (1, 4), (0, 3)).Trend);

        // Fell, then held: no longer falling now, and not steady over the last three days either.
        Assert.Null(Mood((2, 5), (1, 3), (0, 3)).Trend);
    }

    [Fact]
    public void Rising_and_steady()
    {
        var rise = Mood((3, 2), (2, 2), (1, 3), (0, 4));
        Assert.Equal(Trend.Rising, rise.Trend);
        Assert.Equal(Now - TimeSpan.FromDays(2), rise.Since);

        Assert.Equal(Trend.Steady, Mood((2, 3), (1, 4), (0, 3)).Trend);
        Assert.Equal(Trend.Steady, Mood((2, 3), (1, 3), (0, 2)).Trend);
        Assert.Null(Mood((1, 3), (0, 3)).Trend); // two days are too few to call steady
    }

    [Fact]
    public void A_day_counts_by_its_last_reading_in_the_persons_own_time_zone()
    {
        // 23:30 and 00:30 UTC in Tokyo are the same morning; in London they are two days.
        var midnight = new DateTimeOffset(Now.Date, TimeSpan.Zero);
        var lateAndEarly = new[] { new MoodReading(midnight.AddHours(-0.5), 5), new MoodReading(midnight.AddHours(0.5), 2) };
        Assert.Null(PatternReader.Mood(Now, Retention, new MoodHistory(lateAndEarly, "Asia/Tokyo")).Trend);
        Assert.Equal(Trend.Falling, PatternReader.Mood(Now, Retention, new MoodHistory(lateAndEarly, "Europe/London")).Trend);

        // An unknown zone counts in UTC and is not passed on.
        Assert.Equal(Trend.Falling, PatternReader.Mood(Now, Retention, new MoodHistory(lateAndEarly, "Mars/Olympus")).Trend);
        Assert.Null(PatternReader.Read(Now, Retention, [], new MoodHistory(lateAndEarly, "Mars/Olympus")).TimeZone);

        // The day's last word stands: 5 then 2 on one day, 4 the next is a rise from 2.
        Assert.Equal(Trend.Rising, Mood((1.2, 5), (1, 2), (0, 4)).Trend);
    }

    [Fact]
    public void Readings_older_than_two_weeks_or_the_retention_or_in_the_future_do_not_count()
    {
        Assert.Null(Mood((15, 5), (0, 2)).Trend);
        Assert.Equal(Trend.Falling, Mood((13, 5), (0, 2)).Trend);
        Assert.Null(PatternReader.Mood(Now, TimeSpan.FromDays(3), Moods((4, 5), (0, 2))).Trend);
        Assert.Null(Mood((1, 5), (-1, 2)).Trend);
    }

    [Fact]
    public void Conversations_in_the_last_seven_days_count_this_one_included()
    {
        ConversationMark[] earlier =
        [
            new(Now - TimeSpan.FromDays(1), RiskLevel.Low),
            new(Now - TimeSpan.FromHours(2), null), // still open
            new(Now - TimeSpan.FromDays(6.9), RiskLevel.None),
            new(Now - TimeSpan.FromDays(7), RiskLevel.None), // exactly a week: out
            new(Now - TimeSpan.FromDays(40), RiskLevel.None), // beyond the retention
        ];

        var pattern = PatternReader.Read(Now, Retention, earlier, new MoodHistory([], null));

        Assert.Equal(4, pattern.ConversationsThisWeek);
        Assert.Null(pattern.EarlierRedFlagAt);
        Assert.Equal("Fourth conversation in the last 7 days.", PatternSentences.Write(pattern, Now));
    }

    [Fact]
    public void The_latest_earlier_red_flag_within_the_retention_is_kept_and_an_older_one_goes()
    {
        ConversationMark[] earlier =
        [
            new(Now - TimeSpan.FromDays(20), RiskLevel.Imminent),
            new(Now - TimeSpan.FromDays(12), RiskLevel.High),
            new(Now - TimeSpan.FromDays(3), RiskLevel.Moderate),
        ];

        var pattern = PatternReader.Read(Now, Retention, earlier, new MoodHistory([], null));

        Assert.Equal(Now - TimeSpan.FromDays(12), pattern.EarlierRedFlagAt);
        Assert.Equal("Second conversation in the last 7 days. A red flag in an earlier conversation (12 days ago).", PatternSentences.Write(pattern, Now));
        Assert.Null(PatternReader.Read(Now, TimeSpan.FromDays(10), earlier, new MoodHistory([], null)).EarlierRedFlagAt);
    }

    [Fact]
    public void The_line_names_the_day_the_fall_started_in_the_persons_time_zone()
    {
        // Monday 22:00 UTC is already Tuesday in Tokyo.
        var monday = new DateTimeOffset(2026, 12, 7, 22, 0, 0, TimeSpan.Zero);
        MoodReading[] moods = [new(monday, 4), new(monday.AddDays(1), 3), new(monday.AddDays(2), 2)];
        ConversationMark[] earlier = [new(Now - TimeSpan.FromDays(2), RiskLevel.Low), new(Now - TimeSpan.FromDays(1), RiskLevel.Low)];

        string? Line(string? zone) =>
            PatternSentences.Write(PatternReader.Read(Now, Retention, earlier, new MoodHistory(moods, zone)), Now);

        Assert.Equal("Third conversation in the last 7 days; mood at check-ins falling since Monday (from 4 to 2).", Line(null));
        Assert.Equal("Third conversation in the last 7 days; mood at check-ins falling since Monday (from 4 to 2).", Line("Europe/London"));
        Assert.Equal("Third conversation in the last 7 days; mood at check-ins falling since Tuesday (from 4 to 2).", Line("Asia/Tokyo"));
    }

    [Fact]
    public void A_move_that_started_yesterday_or_over_a_week_ago_is_never_named_by_an_ambiguous_weekday()
    {
        var yesterday = PatternReader.Read(Now, Retention, [], Moods((1, 5), (0, 3)));
        Assert.Equal("Mood at check-ins falling since yesterday (from 5 to 3).", PatternSentences.Write(yesterday, Now));

        var longAgo = PatternReader.Read(Now, Retention, [], Moods((9, 1), (0, 4)));
        Assert.Equal("Mood at check-ins rising since 1 December (from 1 to 4).", PatternSentences.Write(longAgo, Now));

        var steady = PatternReader.Read(Now, Retention, [], Moods((2, 3), (1, 3), (0, 3)));
        Assert.Equal("Mood at check-ins steady at 3.", PatternSentences.Write(steady, Now));
    }
}
