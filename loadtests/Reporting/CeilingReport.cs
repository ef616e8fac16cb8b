using StoriBoard.LoadTests.Ceiling;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>The ceiling comparison: StoriBoard's sustainable rate against the bare echo hub's, step by step.</summary>
public sealed record CeilingComparison(CeilingResult? Echo, CeilingResult? StoriBoard, double MaxP99Ms)
{
    public double? Ratio => Echo is { SustainableRate: > 0 } echo && StoriBoard is { } sb ? sb.SustainableRate / echo.SustainableRate : null;
}

public static class CeilingReport
{
    public static void Write(CeilingComparison comparison, IReadOnlyList<ThresholdCheck> checks, string folder, DateTimeOffset startedAt)
    {
        var results = new[] { comparison.StoriBoard, comparison.Echo }.OfType<CeilingResult>().ToArray();
        Charts.Line(Path.Combine(folder, "ceiling-p99.png"), "Peer delivery p99 by offered message rate", "offered messages/s", "p99 ms",
            results.Select(r => new Series(r.Target, r.Steps.Select(s => s.OfferedRate).ToArray(), r.Steps.Select(s => s.Delivery.P99).ToArray())).ToArray());
        Charts.Line(Path.Combine(folder, "ceiling-throughput.png"), "Delivered by offered message rate", "offered messages/s", "delivered messages/s",
            results.Select(r => new Series(r.Target, r.Steps.Select(s => s.OfferedRate).ToArray(), r.Steps.Select(s => s.AchievedRate).ToArray())).ToArray());
        Csv.Write(Path.Combine(folder, "ceiling.csv"),
            ["target", "offered_per_s", "delivered_per_s", "p50_ms", "p99_ms", "max_ms", "errors", "lost", "passed"],
            results.SelectMany(r => r.Steps.Select(s => new object[]
            {
                r.Target, s.OfferedRate, s.AchievedRate, s.Delivery.P50, s.Delivery.P99, s.Delivery.Max,
                s.Counters.ErrorCount, s.Counters.Delivery.Lost + s.Counters.Delivery.Unverified, s.Passed,
            })));

        var document = new ReportDocument("StoriBoard ceiling: sustainable peer message rate")
            .Facts(
                ("started", startedAt.ToString("u")),
                ("rule", $"a step passes with peer delivery p99 ≤ {comparison.MaxP99Ms} ms, no error, nothing lost, ≥ 95% of the offered rate delivered"),
                ("StoriBoard sustainable", Rate(comparison.StoriBoard)),
                ("echo hub sustainable", Rate(comparison.Echo)),
                ("ratio", comparison.Ratio is { } ratio ? $"{ratio:0.00}× the echo hub" : "n/a"))
            .Heading("Thresholds")
            .Table(["check", "limit", "measured", "verdict"], checks.Select(t => new[] { t.Name, t.Limit, t.Actual, Verdict.Of(t.Passed) }));
        foreach (var result in results)
        {
            document.Heading($"{result.Target} ({result.Pairs} pairs)")
                .Table(["offered/s", "delivered/s", "p50 ms", "p99 ms", "max ms", "errors", "lost", "verdict"], result.Steps.Select(s => new[]
                {
                    s.OfferedRate.ToString("0"), s.AchievedRate.ToString("0"), s.Delivery.P50.ToString("0.##"), s.Delivery.P99.ToString("0.##"),
                    s.Delivery.Max.ToString("0.#"), s.Counters.ErrorCount.ToString(), (s.Counters.Delivery.Lost + s.Counters.Delivery.Unverified).ToString(),
                    s.Failure ?? Verdict.Pass,
                }));
        }

        document.Heading("Charts")
            .Image("ceiling-p99.png", "Peer delivery p99 by offered rate")
            .Image("ceiling-throughput.png", "Delivered by offered rate");
        File.WriteAllText(Path.Combine(folder, "summary.md"), DocumentRenderers.Markdown(document));
        File.WriteAllText(Path.Combine(folder, "report.html"), DocumentRenderers.Html(document));
    }

    private static string Rate(CeilingResult? result) => result is null ? "not run" : $"{result.SustainableRate:0} messages/s";
}
