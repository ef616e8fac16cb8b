using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using StoriBoard.Classification;

namespace StoriBoard.Benchmarks;

/// <summary>
/// Classification (themes + risk + safety lexicon) through the shipped models, one message at a time and with
/// every core through the engine pool. Run: dotnet run -c Release --project tests/StoriBoard.Benchmarks -- --filter '*Classifier*'
/// </summary>
[Config(typeof(ThroughputConfig))]
public class ClassifierBenchmarks : ClassifierBenchmarkBase
{
    private const int Batch = 4096;

    [Benchmark(Description = "single message")]
    public MessageAnalysis SingleMessage() => ClassifyNext();

    [Benchmark(Description = "all cores through the pool", OperationsPerInvoke = Batch)]
    public void ManyThreads() =>
        Parallel.For(0, Batch, i => Classifier.Classify(Messages[i % Messages.Length]));

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddJob(Job.ShortRun.WithId("short"));
            AddColumn(StatisticColumn.OperationsPerSecond);
        }
    }
}

/// <summary>One call per iteration, many iterations: the percentiles are those of single calls.</summary>
[Config(typeof(LatencyConfig))]
public class ClassifierLatencyBenchmarks : ClassifierBenchmarkBase
{
    [Benchmark(Description = "single message, per call")]
    public MessageAnalysis SingleCall() => ClassifyNext();

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Dry.WithId("per-call").WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(200).WithIterationCount(2000));
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new P99Column(), StatisticColumn.Max);
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

public abstract class ClassifierBenchmarkBase
{
    // Hand-written, of the lengths and kinds the helpline sees; the corpus is not read so the benchmark runs anywhere.
    protected static readonly string[] Messages =
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

    private int _next;

    protected MlMessageClassifier Classifier { get; private set; } = null!;

    [GlobalSetup]
    public void Setup() => Classifier = new MlMessageClassifier(MlMessageClassifier.DefaultModelDirectory, SafetyLexicon.Default);

    protected MessageAnalysis ClassifyNext() => Classifier.Classify(Messages[_next++ % Messages.Length]);
}
