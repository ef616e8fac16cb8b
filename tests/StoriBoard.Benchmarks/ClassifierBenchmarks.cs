using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StoriBoard.Classification;

namespace StoriBoard.Benchmarks;

/// <summary>
/// Classification (themes + risk + safety lexicon) through the shipped models: one message at a time,
/// one call per iteration for the latency percentiles, and every core at once through the engine pool.
/// Run: dotnet run -c Release --project tests/StoriBoard.Benchmarks -- --filter '*Classifier*'
/// </summary>
[Config(typeof(Config))]
public class ClassifierBenchmarks
{
    private const int Batch = 4096;

    // Hand-written, of the lengths and kinds the helpline sees; the corpus is not read so the benchmark runs anywhere.
    private static readonly string[] Messages =
    [
        "hi",
        "is anyone there? i cant sleep again",
        "They announced a restructure today and my role is under review, eleven years I've been there",
        "my girlfriend left three months ago and i still set two plates out without thinking",
        "I've already taken all my tablets",
        "this exam is killing me lol, three papers in two days",
        "honestly everyone would be better off without me, my wife my kids my boss",
        "he's outside the door again and he's been drinking, I've locked myself in the bathroom",
        "I owe about 9k on cards and the bailiffs letter came this morning. I haven't told my husband. " +
        "I keep lying awake doing sums that don't add up and then I have to go to work and smile at customers all day.",
        "not suicidal or anything, just really lonely since moving here for uni and I don't know how people make friends",
    ];

    private MlMessageClassifier _classifier = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _classifier = new MlMessageClassifier(MlMessageClassifier.DefaultModelDirectory, SafetyLexicon.Default);

    [Benchmark(Description = "single message")]
    public MessageAnalysis SingleMessage() => _classifier.Classify(Messages[_next++ % Messages.Length]);

    [Benchmark(Description = "all cores through the pool", OperationsPerInvoke = Batch)]
    public void ManyThreads() =>
        Parallel.For(0, Batch, i => _classifier.Classify(Messages[i % Messages.Length]));

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithId("short"));
            // One call per iteration, many iterations: the percentiles are those of single calls.
            AddJob(Job.Dry.WithId("per-call").WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(500).WithIterationCount(5000));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max, StatisticColumn.OperationsPerSecond);
        }
    }

    /// <summary>The 99th percentile of the measured iterations; with one call per iteration, of single calls.</summary>
    private sealed class P99Column : IColumn
    {
        public string Id => "P99";
        public string ColumnName => "P99";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Time;
        public string Legend => "99th percentile of the iteration times";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? $"{statistics.Percentiles.Percentile(99) / 1000.0:0.0} μs"
                : "-";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
