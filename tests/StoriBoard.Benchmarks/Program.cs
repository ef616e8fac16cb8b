using BenchmarkDotNet.Running;
using StoriBoard.Benchmarks;

if (args is ["latency", ..])
{
    // Each match decision timed on its own, for p50/p99 (see MatchingLatency).
    MatchingLatency.Run();
    return;
}

if (args is ["responder", ..])
{
    // Each AI reply timed on its own, for p50/p99 (see ResponderLatency).
    ResponderLatency.Run();
    return;
}

// Pick benchmarks with BenchmarkDotNet's own arguments, e.g. --filter '*Classifier*'.
BenchmarkSwitcher.FromAssembly(typeof(MatchingBenchmarks).Assembly).Run(args);
