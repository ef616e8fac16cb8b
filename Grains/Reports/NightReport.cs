namespace StoriBoard.Reports;

/// <summary>Hours or days as the rows of a report.</summary>
public enum ReportStep
{
    Hour,
    Day,
}

/// <summary>
/// The figures of one hour, one day or the whole range. Waits are percentiles read from the wait buckets, within
/// <see cref="NightReport.BucketError"/>; a wait nothing was counted for is null. Load is chat time over time on
/// shift: the average number of chats a supporter on shift had open.
/// </summary>
public sealed record ReportRow(
    DateTimeOffset Start,
    long Conversations,
    long AiOnly,
    long PeerChats,
    long Abandoned,
    long AiReplies,
    double? AiReplyP50Seconds,
    double? AiReplyP90Seconds,
    long PeerWaits,
    double? PeerWaitP50Seconds,
    double? PeerWaitP90Seconds,
    long RedFlags,
    long RedFlagsReached,
    long RedFlagsNeverReached,
    double? CrisisWaitP50Seconds,
    double? CrisisWaitP90Seconds,
    long CrisisHandOvers,
    long SupervisorTakeOvers,
    long Ratings,
    double? RatingMean,
    long[] RatingsByStars,
    double SupporterHours,
    double ChatHours,
    double? Load)
{
    /// <summary>The row for counters already summed over its hours.</summary>
    public static ReportRow From(DateTimeOffset start, IReadOnlyDictionary<string, long> counts)
    {
        long Count(string name) => counts.GetValueOrDefault(name);
        var ratings = Count(FigureNames.Ratings);
        var onShift = Count(FigureNames.OnShiftMs) / 3_600_000.0;
        var chatting = Count(FigureNames.ChatMs) / 3_600_000.0;
        var aiReply = Buckets(counts, FigureNames.AiReplyWait);
        var peerWait = Buckets(counts, FigureNames.PeerWait);
        var crisisWait = Buckets(counts, FigureNames.CrisisWait);
        return new ReportRow(
            start,
            Count(FigureNames.Started),
            Count(FigureNames.AiOnly),
            Count(FigureNames.PeerChats),
            Count(FigureNames.Abandoned),
            aiReply.Values.Sum(),
            Seconds(aiReply, 0.5),
            Seconds(aiReply, 0.9),
            peerWait.Values.Sum(),
            Seconds(peerWait, 0.5),
            Seconds(peerWait, 0.9),
            Count(FigureNames.RedFlags),
            Count(FigureNames.RedFlagsReached),
            Count(FigureNames.RedFlagsNeverReached),
            Seconds(crisisWait, 0.5),
            Seconds(crisisWait, 0.9),
            Count(FigureNames.CrisisHandOvers),
            Count(FigureNames.SupervisorTakeOvers),
            ratings,
            ratings == 0 ? null : Math.Round(Count(FigureNames.RatingSum) / (double)ratings, 2),
            [.. Enumerable.Range(1, 5).Select(stars => Count(FigureNames.Rating(stars)))],
            Math.Round(onShift, 6),
            Math.Round(chatting, 6),
            onShift == 0 ? null : Math.Round(chatting / onShift, 2));
    }

    private static Dictionary<int, long> Buckets(IReadOnlyDictionary<string, long> counts, string wait)
    {
        var buckets = new Dictionary<int, long>();
        foreach (var (name, count) in counts)
        {
            if (FigureNames.TryBucket(name, wait, out var bucket))
            {
                buckets[bucket] = buckets.GetValueOrDefault(bucket) + count;
            }
        }

        return buckets;
    }

    /// <summary>To the millisecond: the buckets are coarser than that anyway.</summary>
    private static double? Seconds(Dictionary<int, long> buckets, double p) =>
        WaitHistogram.Percentile(buckets, p) is { } wait ? Math.Round(wait.TotalSeconds, 3) : null;
}

/// <summary>A report: its rows by hour or day (UTC), every one present even when nothing happened, and their total.</summary>
public sealed record NightReport(DateOnly From, DateOnly To, ReportStep By, double BucketError, ReportRow[] Rows, ReportRow Total)
{
    /// <summary>Sums the hours of the days <paramref name="from"/> to <paramref name="to"/> (both whole UTC days) into rows.</summary>
    public static NightReport Of(DateOnly from, DateOnly to, ReportStep by, IReadOnlyList<HourFigures> hours)
    {
        var rows = by == ReportStep.Hour
            ? hours.Select(h => ReportRow.From(h.Hour, h.Counts))
            : hours.GroupBy(h => DateOnly.FromDateTime(h.Hour.UtcDateTime))
                .Select(day => ReportRow.From(day.First().Hour, Sum(day)));
        return new NightReport(
            from, to, by, Math.Round(WaitHistogram.RelativeError, 4), [.. rows],
            ReportRow.From(new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), Sum(hours)));
    }

    /// <summary>Counters of several hours added up, waits bucket by bucket, which is what lets percentiles merge.</summary>
    public static Dictionary<string, long> Sum(IEnumerable<HourFigures> hours)
    {
        var sum = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var hour in hours)
        {
            foreach (var (name, count) in hour.Counts)
            {
                sum[name] = sum.GetValueOrDefault(name) + count;
            }
        }

        return sum;
    }
}
