using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StoriBoard.Telemetry;

/// <summary>
/// The helpline's own meter, "StoriBoard": what an operator watches through a night. Counts and timings only: no
/// message text, no person's id. Exported as <c>storiboard_*</c> by the gateway's <c>/metrics</c> and by OTLP.
/// </summary>
public sealed class HelplineMetrics
{
    public const string MeterName = "StoriBoard";

    // Buckets around the targets: a reply within a second, a classification within 15 ms.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    };

    // Made once: a tag per message would allocate on the busiest path.
    private static readonly KeyValuePair<string, object?>[] SenderTags =
        [.. Enum.GetValues<Sender>().Select(s => new KeyValuePair<string, object?>("sender", s.ToString().ToLowerInvariant()))];

    private readonly Counter<long> _messages;
    private readonly Counter<long> _redFlags;
    private readonly Counter<long> _offers;
    private readonly Histogram<double> _aiReply;
    private readonly Histogram<double> _classification;

    // The latest picture each matchmaker shard in this process published; gauges read these, never a grain's state.
    private readonly ConcurrentDictionary<string, QueuePicture> _queues = new();

    public HelplineMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("storiboard.messages", "{message}", "Messages stored, by sender: seeker, supporter or ai.");
        _redFlags = meter.CreateCounter<long>("storiboard.red_flags", "{red_flag}", "Conversations that became a red flag, by kind.");
        _offers = meter.CreateCounter<long>(
            "storiboard.offers", "{offer}", "Offers to supporters, by outcome: made, accepted, declined, expired or withdrawn.");
        _aiReply = meter.CreateHistogram(
            "storiboard.ai_reply.duration", "s", "From a seeker's message arriving to the AI's reply being sent.", advice: Seconds);
        _classification = meter.CreateHistogram(
            "storiboard.classification.duration", "s", "Reading one message's themes and risk.", advice: Seconds);

        meter.CreateObservableGauge("storiboard.waiting", WaitingByRisk, "{conversation}", "People waiting for a supporter, by risk.");
        meter.CreateObservableGauge(
            "storiboard.waiting.oldest", () => Max(p => p.OldestWait), "s", "How long the longest-waiting person has waited.");
        meter.CreateObservableGauge(
            "storiboard.red_flags.waiting", () => _queues.Values.Sum(p => p.RedFlagsWaiting), "{conversation}",
            "Red flags not yet with a crisis-trained supporter.");
        meter.CreateObservableGauge(
            "storiboard.red_flags.oldest_wait", () => Max(p => p.OldestRedFlagWait), "s",
            "How long the longest-waiting red flag has waited for a crisis-trained supporter.");

        // Every shard of a language sees the same supporters: the largest count is the count, not the sum.
        meter.CreateObservableGauge(
            "storiboard.supporters.online", () => (long)Max(p => p.SupportersOnline), "{supporter}", "Supporters online.");
        meter.CreateObservableGauge(
            "storiboard.supporters.free_places", () => (long)Max(p => p.FreePlaces), "{place}", "Chats online supporters could still take.");
    }

    public void MessageStored(Sender sender) => _messages.Add(1, SenderTags[(int)sender]);

    public void RedFlagRaised(RedFlagKind? kind) =>
        _redFlags.Add(1, new KeyValuePair<string, object?>("kind", kind?.Id() ?? "unknown"));

    public void Offers(string outcome, int count = 1)
    {
        if (count > 0)
        {
            _offers.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void AiReplied(long startedTimestamp) => _aiReply.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);

    public void Classified(TimeSpan took) => _classification.Record(took.TotalSeconds);

    /// <summary>A matchmaker shard's picture of its queue and its supporters, replaced on every sweep.</summary>
    public void Queue(string shard, QueuePicture picture) => _queues[shard] = picture;

    public void QueueGone(string shard) => _queues.TryRemove(shard, out _);

    private IEnumerable<Measurement<long>> WaitingByRisk() =>
        Enum.GetValues<RiskLevel>().Select(risk => new Measurement<long>(
            _queues.Values.Sum(p => p.WaitingByRisk.GetValueOrDefault(risk)),
            new KeyValuePair<string, object?>("risk", risk.Id())));

    private double Max(Func<QueuePicture, double> of) => _queues.Values.Select(of).DefaultIfEmpty(0).Max();
}

/// <summary>One shard's queue and supporters at one moment; times in seconds.</summary>
public sealed record QueuePicture(
    IReadOnlyDictionary<RiskLevel, int> WaitingByRisk,
    double OldestWait,
    int RedFlagsWaiting,
    double OldestRedFlagWait,
    int SupportersOnline,
    int FreePlaces);
