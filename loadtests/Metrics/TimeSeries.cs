using HdrHistogram;

namespace StoriBoard.LoadTests.Metrics;

/// <summary>One second of a run: the load, the throughput, and each latency's interval percentiles.</summary>
public sealed record TimeSample(
    double Seconds,
    long LiveSeekers,
    long SupportersOnline,
    double SentPerSecond,
    double DeliveredPerSecond,
    long Errors,
    IReadOnlyDictionary<string, IntervalStats> Latencies);

public sealed record IntervalStats(long Count, double P50, double P99);

/// <summary>
/// Samples the run once a second. Both delivery directions are also folded into one "peer-delivery"
/// series, the figure the charts and the live display show.
/// </summary>
public sealed class TimeSeries(RunMetrics metrics)
{
    public const string PeerDelivery = "peer-delivery";
    private readonly List<TimeSample> _samples = [];
    private readonly Lock _lock = new();
    private readonly LongHistogram _peer = new(1, 60L * 60 * 1_000_000, 3);
    private DeliveryCounts _previous = new(0, 0, 0, 0, 0, 0, 0);
    private long _previousErrors;
    private double _previousSeconds;
    private TimeSpan _origin;

    /// <summary>Sets the chart's zero at the moment load starts, leaving the set-up out.</summary>
    public void Start()
    {
        _origin = metrics.Clock.Elapsed;
        _previous = metrics.Ledger.Snapshot();
        _previousErrors = metrics.ErrorCount;
        _previousSeconds = 0;
        foreach (var metric in metrics.Latencies)
        {
            metric.TakeInterval();
        }
    }

    public IReadOnlyList<TimeSample> Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples.ToArray();
            }
        }
    }

    public TimeSample Sample()
    {
        var seconds = (metrics.Clock.Elapsed - _origin).TotalSeconds;
        var span = Math.Max(0.001, seconds - _previousSeconds);
        var delivery = metrics.Ledger.Snapshot();
        var errors = metrics.ErrorCount;
        var latencies = new Dictionary<string, IntervalStats>(StringComparer.Ordinal);
        _peer.Reset();
        foreach (var metric in metrics.Latencies)
        {
            var interval = metric.TakeInterval();
            latencies[metric.Name] = Stats(interval);
            if (MetricNames.IsDelivery(metric.Name))
            {
                _peer.Add(interval);
            }
        }

        latencies[PeerDelivery] = Stats(_peer);
        var sample = new TimeSample(
            Math.Round(seconds, 1), metrics.LiveSeekers, metrics.SupportersOnline,
            (delivery.Sent - _previous.Sent) / span, (delivery.Delivered - _previous.Delivered) / span,
            errors - _previousErrors, latencies);
        _previous = delivery;
        _previousErrors = errors;
        _previousSeconds = seconds;
        lock (_lock)
        {
            _samples.Add(sample);
        }

        return sample;
    }

    private static IntervalStats Stats(HistogramBase interval) => interval.TotalCount == 0
        ? new IntervalStats(0, 0, 0)
        : new IntervalStats(interval.TotalCount,
            LatencySummary.Ms(interval.GetValueAtPercentile(50)), LatencySummary.Ms(interval.GetValueAtPercentile(99)));
}
