using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace StoriBoard.Benchmarks;

/// <summary>
/// The matchmaker's board under national load (see <see cref="MatchingScenario"/>). Decide is one match decision;
/// Match is a whole match: decision, acceptance, the supporter's announcement and another chat ending.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private MatchingScenario _scenario = null!;

    [GlobalSetup]
    public void Setup() => _scenario = new MatchingScenario();

    [Benchmark]
    public void Match()
    {
        if (_scenario.Decide(_scenario.NextRequest()) is { } offer)
        {
            _scenario.Accept(offer);
        }
    }
}

/// <summary>
/// Per-decision latency, which BenchmarkDotNet's per-iteration percentiles cannot show: every decision timed on its own.
/// Run with: dotnet run -c Release --project tests/StoriBoard.Benchmarks -- latency
/// </summary>
public static class MatchingLatency
{
    public static void Run(int matches = 20_000)
    {
        var scenario = new MatchingScenario();
        var decisions = new double[matches];
        var unmatched = 0;
        for (var warm = 0; warm < 2_000; warm++)
        {
            if (scenario.Decide(scenario.NextRequest()) is { } offer)
            {
                scenario.Accept(offer);
            }
        }

        var total = Stopwatch.StartNew();
        for (var i = 0; i < matches; i++)
        {
            var request = scenario.NextRequest();
            var start = Stopwatch.GetTimestamp();
            var offer = scenario.Decide(request);
            decisions[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (offer is null)
            {
                unmatched++;
                continue;
            }

            scenario.Accept(offer);
        }

        total.Stop();
        Array.Sort(decisions);
        Console.WriteLine(
            $"{MatchingScenario.Supporters} online supporters, {scenario.WaitingCount} waiting, {matches} matches ({unmatched} left waiting)");
        Console.WriteLine(
            $"decision p50 {Percentile(decisions, 50):0.000} ms, p99 {Percentile(decisions, 99):0.000} ms, max {decisions[^1]:0.000} ms");
        Console.WriteLine($"{matches / total.Elapsed.TotalSeconds:0} matches/s (decision, acceptance, announcement, a chat ending)");
    }

    private static double Percentile(double[] sorted, int percentile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
}
