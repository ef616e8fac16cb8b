using StoriBoard.LoadTests.Load;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;
using StoriBoard.LoadTests.Simulation;

namespace StoriBoard.LoadTests;

/// <summary>What to run: a gateway, a load plan, and the people who make it up.</summary>
public sealed record LoadRunOptions
{
    public required string Scenario { get; init; }

    public required string Url { get; init; }

    public string? AdminKey { get; init; }

    public required LoadPlan Plan { get; init; }

    public int Supporters { get; init; } = 10;

    public PeopleSettings People { get; init; } = new();

    /// <summary>After the plan: how long seekers still talking get to finish, settle and end.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>Told once a second while a run goes: the live display in the terminal.</summary>
public interface IRunObserver
{
    void Sampled(TimeSample sample, Counters counters);
}

/// <summary>A finished run: what the report shows and the thresholds judge.</summary>
public sealed record RunResult(
    string Scenario,
    string Target,
    string Plan,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int Supporters,
    Counters Counters,
    IReadOnlyList<LatencySummary> Latencies,
    IReadOnlyList<TimeSample> Samples)
{
    public LatencySummary? Latency(string name) => Latencies.FirstOrDefault(l => l.Name == name);
}

/// <summary>Runs one scenario against a gateway: the library entry point the CLI and the test suite share.</summary>
public static class LoadRun
{
    public static async Task<RunResult> RunAsync(LoadRunOptions options, IRunObserver? observer, CancellationToken stop)
    {
        var baseUrl = LoopbackUrl.Require(options.Url);
        var startedAt = DateTimeOffset.UtcNow;
        var metrics = new RunMetrics(new RunClock());
        using var http = new GatewayHttp(baseUrl, options.AdminKey);
        if (!await http.IsHealthyAsync(stop))
        {
            throw new InvalidOperationException($"The gateway at {baseUrl} is not healthy (GET /health).");
        }

        var context = new LoadContext(baseUrl, http, metrics, MessageCatalog.Load(), options.People, new ConversationRegistry(metrics));
        var series = new TimeSeries(metrics);
        var loadStarted = metrics.Clock.Now;
        await using (var pool = await SupporterPool.StartAsync(context, options.Supporters, startedAt.ToString("HHmmss")))
        {
            series.Start();
            loadStarted = metrics.Clock.Now;
            using var sampling = new CancellationTokenSource();
            var sampler = SampleAsync(series, metrics, observer, sampling.Token);
            var driver = new LoadDriver(metrics.Clock);
            await driver.RunAsync(options.Plan, (intended, wrapUp) => new SimulatedSeeker(context).RunAsync(intended, wrapUp), options.Drain, stop);
            await sampling.CancelAsync();
            await sampler;
        }

        metrics.Ledger.CloseUnreconciled();
        var latencies = metrics.Latencies.Select(m => m.Summarize()).ToArray();
        return new RunResult(options.Scenario, baseUrl.ToString(), options.Plan.Describe(), startedAt,
            System.Diagnostics.Stopwatch.GetElapsedTime(loadStarted), options.Supporters, metrics.Snapshot(), latencies, series.Samples);
    }

    private static async Task SampleAsync(TimeSeries series, RunMetrics metrics, IRunObserver? observer, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                observer?.Sampled(series.Sample(), metrics.Snapshot());
            }
        }
        catch (OperationCanceledException)
        {
            series.Sample();
        }
    }
}
