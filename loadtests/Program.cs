using System.Runtime;
using Spectre.Console.Cli;
using StoriBoard.LoadTests.Cli;

// The harness is a measuring instrument: a blocking full collection inside it would be charged to the
// system under test. Background collections only, as far as the runtime allows.
GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("StoriBoard.LoadTests");
    config.AddCommand<NightPeakCommand>("night-peak")
        .WithDescription("A night's arrivals compressed into minutes: evening rise, peak after midnight, ebb towards morning.")
        .WithExample("night-peak", "--url", "http://127.0.0.1:5080", "--admin-key", "KEY");
    config.AddCommand<BurstCommand>("burst").WithDescription("Steady arrivals, then a sudden five-fold spike, then steady again.");
    config.AddCommand<SoakCommand>("soak").WithDescription("A steady number of people for hours (--duration 2h).");
    config.AddCommand<SmokeCommand>("smoke").WithDescription("A short, small run: 100 seekers, 10 supporters, 30 s.");
    config.AddCommand<MaxCommand>("max").WithDescription("The ceiling: ramps the peer message rate on the echo hub and on StoriBoard until p99 > 50 ms or errors.");
    config.AddCommand<ConnectionsCommand>("connections")
        .WithDescription("Holds 1k and 10k idle connections and weighs the gateway's resident memory (raise `ulimit -n` first).");
    config.AddCommand<EchoServerCommand>("echo-server").WithDescription("The bare SignalR echo hub, the physical reference.");
});

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the load and still writes the report; a second one kills the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
return await app.RunAsync(args, stop.Token);
