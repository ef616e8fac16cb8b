using StoriBoard.LoadTests.Metrics;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>Writes a scenario run's report: summary.md, report.html, CSV files and PNG charts.</summary>
public static class RunReport
{
    public static string Write(RunResult run, IReadOnlyList<ThresholdCheck> checks, string folder)
    {
        var samples = run.Samples;
        var seconds = samples.Select(s => s.Seconds).ToArray();
        Charts.Line(Path.Combine(folder, "throughput.png"), $"{run.Scenario}: peer messages per second", "seconds", "messages/s",
            new Series("sent", seconds, samples.Select(s => s.SentPerSecond).ToArray()),
            new Series("delivered", seconds, samples.Select(s => s.DeliveredPerSecond).ToArray()));
        Charts.Line(Path.Combine(folder, "latency.png"), $"{run.Scenario}: peer delivery latency (1 s intervals)", "seconds", "ms",
            LatencySeries("p50", TimeSeries.PeerDelivery, samples, s => s.P50),
            LatencySeries("p99", TimeSeries.PeerDelivery, samples, s => s.P99),
            LatencySeries("AI first reply p99", MetricNames.AiFirstReply, samples, s => s.P99));
        Charts.Line(Path.Combine(folder, "load.png"), $"{run.Scenario}: people connected", "seconds", "count",
            new Series("seekers live", seconds, samples.Select(s => (double)s.LiveSeekers).ToArray()),
            new Series("supporters online", seconds, samples.Select(s => (double)s.SupportersOnline).ToArray()));

        WriteCsv(run, folder);
        var document = Document(run, checks);
        File.WriteAllText(Path.Combine(folder, "summary.md"), DocumentRenderers.Markdown(document));
        File.WriteAllText(Path.Combine(folder, "report.html"), DocumentRenderers.Html(document));
        return folder;
    }

    public static ReportDocument Document(RunResult run, IReadOnlyList<ThresholdCheck> checks)
    {
        var c = run.Counters;
        var d = c.Delivery;
        return new ReportDocument($"StoriBoard load test: {run.Scenario}")
            .Facts(
                ("target", run.Target),
                ("started", run.StartedAt.ToString("u")),
                ("duration", $"{run.Duration.TotalSeconds:0} s"),
                ("load", run.Plan),
                ("supporters", run.Supporters.ToString()),
                ("seekers", $"{c.SeekersStarted} arrived, {c.SeekersFinished} finished, {c.SeekersMatched} matched with a peer, {c.SeekersUnmatched} not matched"),
                ("red flags sent", c.RedFlagsSent.ToString()),
                ("verdict", Thresholds.AllPassed(checks) ? "all thresholds met" : "THRESHOLDS BREACHED"))
            .Heading("Thresholds")
            .Table(["check", "limit", "measured", "verdict"], checks.Select(t => new[] { t.Name, t.Limit, t.Actual, Verdict.Of(t.Passed) }))
            .Heading("Latencies (ms, from each intended send or arrival time)")
            .Table(["measure", "count", "p50", "p90", "p99", "p99.9", "max"], run.Latencies.Select(l => new[]
            {
                l.Name, l.Count.ToString(), F(l.P50), F(l.P90), F(l.P99), F(l.P999), F(l.Max),
            }))
            .Heading("Peer messages")
            .Table(["sent", "delivered once", "pushed again (dropped by id)", "duplicated", "late (found only in History)", "lost", "unverified"],
                [[d.Sent.ToString(), d.Delivered.ToString(), d.Redelivered.ToString(), d.Duplicated.ToString(), d.Late.ToString(), d.Lost.ToString(), d.Unverified.ToString()]])
            .Heading("Errors and events")
            .Table(["what", "count"],
                new[]
                    {
                        new[] { "calls", c.Operations.ToString() }, ["reconnects", c.Reconnects.ToString()], ["offers received", c.Offers.ToString()],
                        ["first messages the AI left unanswered (10 s)", c.AiUnanswered.ToString()],
                        ["replies refused because the chat closed for the sender meanwhile", c.SentToClosedChats.ToString()],
                    }
                    .Concat(c.Errors.Select(e => new[] { $"error: {e.Key}", e.Value.ToString() }))
                    .Concat(c.AcceptsRejected.Select(e => new[] { $"accept turned down: {e.Key}", e.Value.ToString() })))
            .Heading("Over time")
            .Image("throughput.png", "Peer messages sent and delivered per second")
            .Image("latency.png", "Peer delivery p50 and p99, AI first reply p99, per second")
            .Image("load.png", "Seekers live and supporters online");
    }

    private static void WriteCsv(RunResult run, string folder)
    {
        Csv.Write(Path.Combine(folder, "latencies.csv"), ["measure", "count", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms"],
            run.Latencies.Select(l => new object[] { l.Name, l.Count, l.P50, l.P90, l.P99, l.P999, l.Max }));
        Csv.Write(Path.Combine(folder, "timeseries.csv"),
            ["seconds", "seekers_live", "supporters_online", "sent_per_s", "delivered_per_s", "errors",
                "peer_p50_ms", "peer_p99_ms", "ai_first_reply_p99_ms", "connect_p99_ms"],
            run.Samples.Select(s => new object[]
            {
                s.Seconds, s.LiveSeekers, s.SupportersOnline, s.SentPerSecond, s.DeliveredPerSecond, s.Errors,
                P(s, TimeSeries.PeerDelivery, x => x.P50), P(s, TimeSeries.PeerDelivery, x => x.P99),
                P(s, MetricNames.AiFirstReply, x => x.P99), P(s, MetricNames.Connect, x => x.P99),
            }));
    }

    private static Series LatencySeries(string label, string metric, IReadOnlyList<TimeSample> samples, Func<IntervalStats, double> pick)
    {
        var points = samples.Where(s => s.Latencies.TryGetValue(metric, out var stats) && stats.Count > 0).ToArray();
        return new Series(label, points.Select(s => s.Seconds).ToArray(), points.Select(s => pick(s.Latencies[metric])).ToArray());
    }

    private static double P(TimeSample sample, string metric, Func<IntervalStats, double> pick) =>
        sample.Latencies.TryGetValue(metric, out var stats) ? pick(stats) : 0;

    private static string F(double ms) => ms.ToString("0.##");
}
