using HdrHistogram;

namespace StoriBoard.LoadTests.Metrics;

/// <summary>
/// One latency measured into HdrHistogram, in microseconds: recorded from any thread, read by the sampler
/// once a second as an interval (for the charts) and folded into the whole run's histogram (for the report).
/// </summary>
public sealed class LatencyMetric(string name)
{
    private const long HighestMicros = 60L * 60 * 1_000_000;
    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1).WithValuesUpTo(HighestMicros).WithPrecisionOf(3)
        .WithThreadSafeWrites().WithThreadSafeReads().Create();
    private readonly LongHistogram _total = new(1, HighestMicros, 3);
    private readonly Lock _totalLock = new();
    private HistogramBase? _interval;

    public string Name { get; } = name;

    public void Record(long intendedTimestamp, long arrivedTimestamp) =>
        RecordMicros(RunClock.Microseconds(intendedTimestamp, arrivedTimestamp));

    public void RecordMicros(long micros) => _recorder.RecordValue(Math.Clamp(micros, 1, HighestMicros));

    /// <summary>
    /// What was recorded since the previous call (valid until the next call); also added to the run's total.
    /// The interval histogram is recycled: these arrays are large, and allocating one a second would bring
    /// full garbage collections, whose pauses would show up as the harness's own latency.
    /// </summary>
    public HistogramBase TakeInterval()
    {
        lock (_totalLock)
        {
            _interval = _interval is null ? _recorder.GetIntervalHistogram() : _recorder.GetIntervalHistogram(_interval);
            _total.Add(_interval);
            return _interval;
        }
    }

    public LatencySummary Summarize()
    {
        TakeInterval();
        lock (_totalLock)
        {
            return LatencySummary.Of(Name, _total);
        }
    }
}

/// <summary>A latency's percentiles in milliseconds.</summary>
public sealed record LatencySummary(string Name, long Count, double P50, double P90, double P99, double P999, double Max)
{
    public static LatencySummary Of(string name, HistogramBase histogram) => histogram.TotalCount == 0
        ? new(name, 0, 0, 0, 0, 0, 0)
        : new(name, histogram.TotalCount,
            Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));

    public static double Ms(long micros) => micros / 1000.0;
}
