using StoriBoard.LoadTests;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Reporting;

namespace StoriBoard.Tests.Load;

/// <summary>
/// The speed limits live in the load harness, not in functional tests: red-flag offer p99 ≤ 1 s, AI first reply
/// p99 ≤ 200 ms, peer delivery p99 ≤ 50 ms. A limit must fail when broken, and when nothing was measured at all.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class ThresholdTests
{
    private static readonly LatencySummary[] WithinLimits =
    [
        Summary(MetricNames.SeekerToSupporter, 40),
        Summary(MetricNames.SupporterToSeeker, 45),
        Summary(MetricNames.AiFirstReply, 150),
        Summary(MetricNames.Offer("imminent"), 900),
    ];

    [Fact]
    public void The_limits_are_the_helplines_promises()
    {
        var limits = new ThresholdSettings();
        Assert.Equal((50, 200, 1000), (limits.MaxP99Ms, limits.MaxAiFirstReplyP99Ms, limits.MaxRedFlagOfferP99Ms));
    }

    [Fact]
    public void A_run_within_every_limit_passes()
    {
        var checks = Thresholds.Evaluate(Run(WithinLimits), new ThresholdSettings());
        Assert.True(Thresholds.AllPassed(checks), string.Join("; ", checks.Where(c => !c.Passed)));
    }

    [Theory]
    [InlineData(MetricNames.SupporterToSeeker, 51, "peer delivery p99")]
    [InlineData(MetricNames.AiFirstReply, 201, "AI first reply p99")]
    [InlineData("offer-high", 1001, "red-flag offer p99")]
    public void One_latency_over_its_limit_fails_its_check(string metric, double p99, string check)
    {
        var latencies = WithinLimits.Where(l => l.Name != metric).Append(Summary(metric, p99)).ToArray();
        var failed = Thresholds.Evaluate(Run(latencies), new ThresholdSettings()).Where(c => !c.Passed);
        Assert.Equal(check, Assert.Single(failed).Name);
    }

    [Theory]
    [InlineData(MetricNames.AiFirstReply, "AI first reply p99")]
    [InlineData("offer-imminent", "red-flag offer p99")]
    public void A_latency_the_run_should_have_measured_but_did_not_fails(string missing, string check)
    {
        var latencies = WithinLimits.Where(l => l.Name != missing).ToArray();
        var failed = Thresholds.Evaluate(Run(latencies), new ThresholdSettings()).Where(c => !c.Passed);
        Assert.Equal(check, Assert.Single(failed).Name);
    }

    [Fact]
    public void No_peer_delivery_measured_fails()
    {
        var latencies = WithinLimits.Where(l => !MetricNames.IsDelivery(l.Name)).ToArray();
        var failed = Thresholds.Evaluate(Run(latencies), new ThresholdSettings()).Where(c => !c.Passed);
        Assert.Equal("peer delivery p99", Assert.Single(failed).Name);
    }

    [Fact]
    public void A_run_that_drew_no_red_flag_is_not_failed_for_having_no_red_flag_offer()
    {
        var latencies = WithinLimits.Where(l => l.Name != MetricNames.Offer("imminent")).ToArray();
        var checks = Thresholds.Evaluate(Run(latencies, redFlagsSent: 0), new ThresholdSettings());
        Assert.True(Thresholds.AllPassed(checks), string.Join("; ", checks.Where(c => !c.Passed)));
    }

    private static LatencySummary Summary(string name, double p99) => new(name, 1000, p99 / 2, p99 * 0.9, p99, p99, p99);

    private static RunResult Run(IReadOnlyList<LatencySummary> latencies, long redFlagsSent = 3) => new(
        "test", "http://127.0.0.1:1", "test plan", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), Supporters: 10,
        new Counters(
            Operations: 1000, Errors: new Dictionary<string, long>(), Reconnects: 0, SeekersStarted: 100, SeekersFinished: 100,
            SeekersMatched: 90, SeekersUnmatched: 10, Offers: 100, AcceptsRejected: new Dictionary<string, long>(),
            RedFlagsSent: redFlagsSent, AiUnanswered: 0, SentToClosedChats: 0,
            Delivery: new DeliveryCounts(Sent: 500, Delivered: 500, Redelivered: 0, Duplicated: 0, Late: 0, Lost: 0, Unverified: 0)),
        latencies,
        []);
}
