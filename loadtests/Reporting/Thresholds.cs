using StoriBoard.LoadTests.Metrics;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>Limits a run must stay within; any breach sets a failing exit code.</summary>
public sealed record ThresholdSettings
{
    /// <summary>Peer message delivery, both directions, p99.</summary>
    public double MaxP99Ms { get; init; } = 50;

    public double MaxErrorRate { get; init; } = 0.001;

    /// <summary>Messages lost, plus those that could not be verified; duplicates must be zero besides.</summary>
    public long MaxLost { get; init; }

    public double MaxAiFirstReplyP99Ms { get; init; } = 200;

    public double MaxRedFlagOfferP99Ms { get; init; } = 1000;
}

/// <summary>One threshold's outcome.</summary>
public sealed record ThresholdCheck(string Name, string Limit, string Actual, bool Passed);

public static class Thresholds
{
    public static IReadOnlyList<ThresholdCheck> Evaluate(RunResult run, ThresholdSettings limits)
    {
        var delivery = run.Counters.Delivery;
        var checks = new List<ThresholdCheck>
        {
            // Every scenario has people chatting with the AI and with peers: a run that measured neither proves nothing.
            Latency("peer delivery p99", limits.MaxP99Ms, required: true, run.Latency(MetricNames.SeekerToSupporter), run.Latency(MetricNames.SupporterToSeeker)),
            AiFirstReply(run, limits),
            // A run may draw no red flag; one that sent red flags must have measured their offers.
            Latency("red-flag offer p99", limits.MaxRedFlagOfferP99Ms, required: run.Counters.RedFlagsSent > 0,
                run.Latency(MetricNames.Offer("high")), run.Latency(MetricNames.Offer("imminent"))),
            new("error rate", $"≤ {limits.MaxErrorRate:P2}", $"{run.Counters.ErrorRate:P3} ({run.Counters.ErrorCount} of {run.Counters.Operations})",
                run.Counters.ErrorRate <= limits.MaxErrorRate),
            new("lost messages", $"≤ {limits.MaxLost}", $"{delivery.Lost} lost, {delivery.Unverified} unverified",
                delivery.Lost + delivery.Unverified <= limits.MaxLost),
            new("duplicated messages", "0", delivery.Duplicated.ToString(), delivery.Duplicated == 0),
        };
        return checks;
    }

    public static bool AllPassed(IEnumerable<ThresholdCheck> checks) => checks.All(c => c.Passed);

    /// <summary>A first message left unanswered is worse than a slow answer: it fails the check outright.</summary>
    private static ThresholdCheck AiFirstReply(RunResult run, ThresholdSettings limits)
    {
        var check = Latency("AI first reply p99", limits.MaxAiFirstReplyP99Ms, required: true, run.Latency(MetricNames.AiFirstReply));
        var unanswered = run.Counters.AiUnanswered;
        return unanswered == 0 ? check : check with { Actual = $"{check.Actual}; {unanswered} unanswered", Passed = false };
    }

    /// <summary>A latency with no sample at all fails when the run should have measured it, else is only reported.</summary>
    private static ThresholdCheck Latency(string name, double limitMs, bool required, params LatencySummary?[] parts)
    {
        var measured = parts.Where(p => p is { Count: > 0 }).Select(p => p!).ToArray();
        if (measured.Length == 0)
        {
            return new ThresholdCheck(name, $"≤ {limitMs} ms", "no sample", !required);
        }

        var p99 = measured.Max(p => p.P99);
        return new ThresholdCheck(name, $"≤ {limitMs} ms", $"{p99:0.##} ms", p99 <= limitMs);
    }
}
