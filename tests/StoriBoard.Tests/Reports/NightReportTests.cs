using StoriBoard.Conversations;
using StoriBoard.Reports;

namespace StoriBoard.Tests.Reports;

/// <summary>Hours summed into days and a range: counts add, waits merge bucket by bucket, and empty hours still have a row.</summary>
[Trait("Tier", "Unit")]
public sealed class NightReportTests
{
    private static readonly DateTimeOffset Night = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hours_sum_into_days_and_the_total()
    {
        var store = new InMemoryFigureStore();
        Record(store, Night.AddHours(2), FigureNames.Started, 3);
        Record(store, Night.AddHours(3), FigureNames.Started, 2);
        Record(store, Night.AddDays(1).AddHours(1), FigureNames.Started, 4);
        Record(store, Night.AddHours(3), FigureNames.Abandoned, 1);
        var byDay = await Report(store, ReportStep.Day, days: 2);
        Assert.Equal([5L, 4L], byDay.Rows.Select(r => r.Conversations));
        Assert.Equal([Night, Night.AddDays(1)], byDay.Rows.Select(r => r.Start));
        Assert.Equal(9, byDay.Total.Conversations);
        Assert.Equal(1, byDay.Total.Abandoned);

        var byHour = await Report(store, ReportStep.Hour, days: 2);
        Assert.Equal(48, byHour.Rows.Length);
        Assert.Equal(3, byHour.Rows[2].Conversations);
        Assert.Equal(0, byHour.Rows[4].Conversations);
        Assert.Equal(byDay.Total, byHour.Total with { RatingsByStars = byDay.Total.RatingsByStars });
    }

    [Fact]
    public async Task Waits_from_different_hours_merge_into_one_percentile()
    {
        var store = new InMemoryFigureStore();
        // Nine quick waits of 2 s in one hour and one of 100 s in the next: the day's p50 is 2 s and its p90 2 s, its p100 100 s.
        var clock = new FixedClock(Night.AddHours(1));
        var figures = new NightFigures(store, clock);
        var record = new ConversationRecord();
        for (var i = 0; i < 9; i++)
        {
            record.WaitingSince = clock.GetUtcNow() - TimeSpan.FromSeconds(2);
            figures.Assigned(record, takeOver: null);
        }

        clock.Now = Night.AddHours(5);
        record.WaitingSince = clock.GetUtcNow() - TimeSpan.FromSeconds(100);
        figures.Assigned(record, takeOver: null);

        var day = await Report(store, ReportStep.Day);
        var row = Assert.Single(day.Rows);
        Assert.Equal(10, row.PeerChats);
        Assert.Equal(10, row.PeerWaits);
        Assert.InRange(row.PeerWaitP50Seconds!.Value, 2 * (1 - day.BucketError), 2 * (1 + day.BucketError));
        Assert.InRange(row.PeerWaitP90Seconds!.Value, 2 * (1 - day.BucketError), 2 * (1 + day.BucketError));
        Assert.Null(row.AiReplyP50Seconds);

        var hourly = await Report(store, ReportStep.Hour);
        Assert.InRange(hourly.Rows[5].PeerWaitP50Seconds!.Value, 100 * (1 - day.BucketError), 100 * (1 + day.BucketError));
    }

    [Fact]
    public async Task Ratings_count_their_mean_and_stars_and_only_the_seekers_in_range_count()
    {
        var store = new InMemoryFigureStore();
        var figures = new NightFigures(store, new FixedClock(Night));
        figures.Rated(Role.Seeker, 4);
        figures.Rated(Role.Seeker, 5);
        figures.Rated(Role.Seeker, null);
        figures.Rated(Role.Supporter, 1);
        figures.Rated(Role.Seeker, 9);
        var row = (await Report(store, ReportStep.Day)).Total;
        Assert.Equal(2, row.Ratings);
        Assert.Equal(4.5, row.RatingMean);
        Assert.Equal([0L, 0L, 0L, 1L, 1L], row.RatingsByStars);
    }

    [Fact]
    public async Task Time_on_shift_is_shared_over_the_hours_it_spans_and_load_is_chat_time_over_it()
    {
        var store = new InMemoryFigureStore();
        var figures = new NightFigures(store, new FixedClock(Night));
        var tally = new ShiftTally();
        tally.Observe(figures, Presence.Online, 0, Night.AddHours(1).AddMinutes(30)); // comes online at 01:30
        tally.Observe(figures, Presence.Online, 2, Night.AddHours(2));                // two chats from 02:00
        tally.Observe(figures, Presence.Offline, 0, Night.AddHours(3));               // leaves at 03:00
        tally.Observe(figures, Presence.Online, 0, Night.AddHours(5));                // the offline time counts for nothing
        var report = await Report(store, ReportStep.Hour);
        Assert.Equal(0.5, report.Rows[1].SupporterHours);
        Assert.Equal(0, report.Rows[1].ChatHours);
        Assert.Equal(1, report.Rows[2].SupporterHours);
        Assert.Equal(2, report.Rows[2].ChatHours);
        Assert.Equal(0, report.Rows[4].SupporterHours);
        Assert.Equal(1.5, report.Total.SupporterHours);
        Assert.Equal(1.33, report.Total.Load);
    }

    [Fact]
    public async Task A_red_flag_is_counted_once_and_its_time_to_a_crisis_trained_supporter_measured()
    {
        var store = new InMemoryFigureStore();
        var clock = new FixedClock(Night.AddHours(3));
        var figures = new NightFigures(store, clock);
        var record = new ConversationRecord { SeekerId = "s" };
        record.AskForPeer(clock.GetUtcNow());
        figures.Routed(record, TurnActions.AskForPeer | TurnActions.RaiseRedFlag);
        figures.Routed(record, TurnActions.Requeue | TurnActions.RaiseRedFlag);
        clock.Now += TimeSpan.FromSeconds(30);
        record.Assign("offer", new SupporterSummary("ruth", "Ruth", []), crisisTrained: true);
        figures.Assigned(record, takeOver: null);
        figures.Ended(record, wasWaiting: false);

        var unreached = new ConversationRecord { SeekerId = "t" };
        figures.Routed(unreached, TurnActions.AskForPeer | TurnActions.RaiseRedFlag);
        unreached.AskForPeer(clock.GetUtcNow());
        figures.Ended(unreached, wasWaiting: true);

        var row = (await Report(store, ReportStep.Day)).Total;
        Assert.Equal(2, row.RedFlags);
        Assert.Equal(1, row.RedFlagsReached);
        Assert.Equal(1, row.RedFlagsNeverReached);
        Assert.Equal(1, row.Abandoned);
        Assert.Equal(0, row.AiOnly);
        Assert.InRange(row.CrisisWaitP50Seconds!.Value, 30 * (1 - WaitHistogram.RelativeError), 30 * (1 + WaitHistogram.RelativeError));
    }

    [Fact]
    public async Task Endings_are_told_apart_and_take_overs_counted_by_how()
    {
        var store = new InMemoryFigureStore();
        var figures = new NightFigures(store, new FixedClock(Night));
        figures.Ended(new ConversationRecord { SeekerId = "silent" }, wasWaiting: false);
        figures.Ended(new ConversationRecord { SeekerId = "spoke", SeekerMessages = 2 }, wasWaiting: false);
        figures.Ended(new ConversationRecord { SeekerId = "left", SeekerMessages = 1 }, wasWaiting: true);
        figures.Ended(new ConversationRecord { SeekerId = "peer", SeekerMessages = 5, Supporter = new("jake", "Jake", []), Rating = 3 }, wasWaiting: false);
        figures.TookOver(TakeOver.Supervisor);
        figures.TookOver(TakeOver.CrisisHandOver);
        figures.TookOver(TakeOver.Supervisor);

        var row = (await Report(store, ReportStep.Day)).Total;
        Assert.Equal(1, row.AiOnly);
        Assert.Equal(1, row.Abandoned);
        Assert.Equal(1, row.Ratings);
        Assert.Equal([0L, 0L, 1L, 0L, 0L], row.RatingsByStars);
        Assert.Equal(2, row.SupervisorTakeOvers);
        Assert.Equal(1, row.CrisisHandOvers);
        Assert.Equal(0, row.RedFlagsNeverReached);
    }

    private static async Task<NightReport> Report(InMemoryFigureStore store, ReportStep by, int days = 1)
    {
        var from = DateOnly.FromDateTime(Night.UtcDateTime);
        return NightReport.Of(from, from.AddDays(days - 1), by, await store.Read(Night, days * 24));
    }

    private static void Record(InMemoryFigureStore store, DateTimeOffset at, string figure, int times)
    {
        for (var i = 0; i < times; i++)
        {
            store.Add(at.AddMinutes(i), figure);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
