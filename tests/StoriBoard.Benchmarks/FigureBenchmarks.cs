using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;
using StoriBoard.Conversations;
using StoriBoard.Reports;

namespace StoriBoard.Benchmarks;

/// <summary>
/// What counting a figure adds to the event it counts: a conversation opened (one counter) and a supporter joining
/// (a counter and a wait bucket), in memory and on Redis, where the commands are queued without waiting for Redis.
/// Redis: set STORIBOARD_BENCH_REDIS (e.g. 127.0.0.1:6390) to a Redis whose data may be written.
/// Run: STORIBOARD_BENCH_REDIS=127.0.0.1:6390 dotnet run -c Release --project tests/StoriBoard.Benchmarks -- --filter '*FigureBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class FigureBenchmarks
{
    private readonly ConversationRecord _record = new() { SeekerId = "s", WaitingSince = DateTimeOffset.UtcNow.AddSeconds(-42) };
    private NightFigures _figures = null!;
    private ConnectionMultiplexer? _redis;

    [Params("memory", "redis")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        IFigureStore store = new InMemoryFigureStore();
        if (Store == "redis")
        {
            var address = Environment.GetEnvironmentVariable("STORIBOARD_BENCH_REDIS")
                ?? throw new InvalidOperationException("Set STORIBOARD_BENCH_REDIS to a Redis for the benchmark.");
            _redis = ConnectionMultiplexer.Connect(address);
            store = new RedisFigureStore(
                _redis, Options.Create(new ReportOptions()), Options.Create(new ClusterOptions { ServiceId = "benchmark" }));
        }

        _figures = new NightFigures(store, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup() => _redis?.Dispose();

    [Benchmark(Description = "conversation opened")]
    public void Opened() => _figures.ConversationStarted();

    [Benchmark(Description = "supporter joined")]
    public void Joined() => _figures.Assigned(_record, takeOver: null);
}
