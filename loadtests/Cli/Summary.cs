using Spectre.Console;
using StoriBoard.LoadTests.Reporting;

namespace StoriBoard.LoadTests.Cli;

/// <summary>The end-of-run summary in the terminal: thresholds, main latencies, where the report is.</summary>
public static class Summary
{
    public static void Print(RunResult run, IReadOnlyList<ThresholdCheck> checks, string folder)
    {
        var latencies = new Table().Title("latencies (ms)").AddColumns("measure", "count", "p50", "p99", "max");
        foreach (var l in run.Latencies)
        {
            latencies.AddRow(l.Name, l.Count.ToString(), l.P50.ToString("0.##"), l.P99.ToString("0.##"), l.Max.ToString("0.#"));
        }

        AnsiConsole.Write(latencies);
        Checks(checks);
        var d = run.Counters.Delivery;
        AnsiConsole.MarkupLineInterpolated(
            $"peer messages: {d.Sent} sent, {d.Delivered} delivered, {d.Late} late, {d.Lost} lost, {d.Duplicated} duplicated, {d.Unverified} unverified");
        AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(folder, "summary.md")}");
    }

    public static void Checks(IReadOnlyList<ThresholdCheck> checks)
    {
        var table = new Table().Title("thresholds").AddColumns("check", "limit", "measured", "verdict");
        foreach (var c in checks)
        {
            table.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Limit), Markup.Escape(c.Actual), c.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
        }

        AnsiConsole.Write(table);
    }
}
