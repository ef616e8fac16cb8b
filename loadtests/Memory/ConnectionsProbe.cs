using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Echo;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Memory;

/// <summary>What to hold: levels of idle live connections, and the server process to weigh.</summary>
public sealed record ConnectionsOptions
{
    public required string Url { get; init; }

    public int[] Levels { get; init; } = [1_000, 10_000];

    /// <summary>How long each level is held before counting drops.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Connect to the echo hub (no session) instead of the gateway's seeker hub.</summary>
    public bool Echo { get; init; }

    public int? ServerPid { get; init; }

    public int Parallelism { get; init; } = 32;
}

/// <summary>One level: how many were open and still connected after the hold, and what the server weighed.</summary>
public sealed record MemoryLevel(int Target, int Open, int StillConnected, long ResidentBytes, double BytesPerConnection);

public sealed record ConnectionsResult(string Target, int Pid, long BaselineBytes, IReadOnlyList<MemoryLevel> Levels,
    LatencySummary Connect, Counters Counters);

/// <summary>
/// Holds idle live connections at rising levels and reads the server's resident memory at each: the
/// growth over the baseline divided by the connections open is the cost of one idle person.
/// On the gateway every connection is a help-seeker with an anonymous session, as in real life.
/// </summary>
public static class ConnectionsProbe
{
    public static async Task<ConnectionsResult> RunAsync(ConnectionsOptions options, Action<string> log, CancellationToken stop)
    {
        var baseUrl = LoopbackUrl.Require(options.Url);
        var pid = options.ServerPid ?? ProcessMemory.Find(options.Echo ? "echo-server" : "StoriBoard.Gateway");
        var metrics = new RunMetrics(new RunClock());
        using var http = new GatewayHttp(baseUrl, adminKey: null);
        var open = new ConcurrentBag<HubConnection>();
        try
        {
            var baseline = await SettledResidentAsync(pid, stop);
            log($"server pid {pid}: {Mb(baseline)} resident before any connection");
            var levels = new List<MemoryLevel>();
            foreach (var level in options.Levels.Order())
            {
                await Parallel.ForEachAsync(Enumerable.Range(open.Count, Math.Max(0, level - open.Count)),
                    new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = stop },
                    async (_, _) =>
                    {
                        if (await TryConnectAsync(baseUrl, http, options.Echo, metrics) is { } connection)
                        {
                            open.Add(connection);
                        }
                    });
                log($"{open.Count} connections open; holding {options.Hold.TotalSeconds:0} s");
                await Task.Delay(options.Hold, stop);
                var resident = await SettledResidentAsync(pid, stop);
                var connected = open.Count(c => c.State == HubConnectionState.Connected);
                var perConnection = open.IsEmpty ? 0 : (resident - baseline) / (double)open.Count;
                levels.Add(new MemoryLevel(level, open.Count, connected, resident, perConnection));
                log($"{level}: {connected}/{open.Count} still connected, {Mb(resident)} resident, {perConnection / 1024:0.#} KiB per connection");
            }

            return new ConnectionsResult(options.Echo ? "echo hub" : "StoriBoard", pid, baseline, levels,
                metrics.Latency(MetricNames.Connect).Summarize(), metrics.Snapshot());
        }
        finally
        {
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
        }
    }

    private static async Task<HubConnection?> TryConnectAsync(Uri baseUrl, GatewayHttp http, bool echo, RunMetrics metrics)
    {
        var started = metrics.Clock.Now;
        HubConnection? connection = null;
        try
        {
            var token = echo ? null : (await metrics.CallAsync(cancel => http.CreateSessionAsync(cancel))).Token;
            connection = Hubs.Build(baseUrl, echo ? EchoHub.Path : Hubs.SeekerPath, token, _ => metrics.Reconnect());
            await metrics.CallAsync(cancel => connection.StartAsync(cancel));
            metrics.Latency(MetricNames.Connect).Record(started, metrics.Clock.Now);
            return connection;
        }
        catch (Exception)
        {
            // Counted under its code by CallAsync.
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            return null;
        }
    }

    /// <summary>The median of five readings a second apart: a garbage collection mid-reading does not skew it.</summary>
    private static async Task<long> SettledResidentAsync(int pid, CancellationToken stop)
    {
        var readings = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stop);
            readings.Add(ProcessMemory.ResidentBytes(pid));
        }

        return readings.Order().ElementAt(readings.Count / 2);
    }

    public static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";
}
