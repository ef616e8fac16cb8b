using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Simulation;

namespace StoriBoard.LoadTests.Ceiling;

/// <summary>How the ceiling is searched: a message rate raised step by step until a step fails.</summary>
public sealed record CeilingOptions
{
    public int Pairs { get; init; } = 200;

    public double StartRate { get; init; } = 100;

    public double Factor { get; init; } = 1.4;

    public double MaxRate { get; init; } = 50_000;

    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(8);

    public double MaxP99Ms { get; init; } = 50;
}

/// <summary>One rate held for one step, and what it gave.</summary>
public sealed record CeilingStep(double OfferedRate, double AchievedRate, LatencySummary Delivery, Counters Counters, string? Failure)
{
    public bool Passed => Failure is null;
}

/// <summary>A target's ramp: its sustainable rate is the last step that passed.</summary>
public sealed record CeilingResult(string Target, int Pairs, IReadOnlyList<CeilingStep> Steps)
{
    public double SustainableRate => Steps.Where(s => s.Passed).Select(s => s.AchievedRate).DefaultIfEmpty(0).Max();
}

/// <summary>
/// Finds a target's sustainable peer message rate: every side of every pair sends on a fixed timeline
/// (so a slow server cannot slow the offered load), each step's delivery latencies are measured from
/// the intended send times, and a step passes only with p99 within bounds, no error, nothing lost, and
/// at least 95% of the offered rate delivered.
/// </summary>
public static class CeilingRun
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public static async Task<CeilingResult> RunAsync(IChatTarget target, CeilingOptions options, MessageCatalog catalog,
        Action<string, CeilingStep>? onStep, CancellationToken stop)
    {
        var slot = new MetricsSlot(new RunClock());
        var pairs = await target.OpenAsync(options.Pairs, slot, stop);
        if (pairs.Count == 0)
        {
            throw new InvalidOperationException($"No pair could be opened on {target.Name}.");
        }

        // A first step at the start rate warms the JIT and the pools on both sides; it is not judged.
        await RunStepAsync(target, pairs, slot, options.StartRate, TimeSpan.FromSeconds(8), options, catalog, stop);
        var steps = new List<CeilingStep>();
        for (var rate = options.StartRate; rate <= options.MaxRate && !stop.IsCancellationRequested; rate *= options.Factor)
        {
            // A failed step is run once more before it ends the ramp: on a shared machine one stray pause of
            // another process should not set the ceiling. Both attempts stay in the report.
            var passed = false;
            for (var attempt = 0; attempt < 2 && !passed; attempt++)
            {
                var step = await RunStepAsync(target, pairs, slot, rate, options.Step, options, catalog, stop);
                steps.Add(step);
                onStep?.Invoke(target.Name, step);
                passed = step.Passed;
            }

            if (!passed)
            {
                break;
            }
        }

        return new CeilingResult(target.Name, pairs.Count, steps);
    }

    private static async Task<CeilingStep> RunStepAsync(IChatTarget target, IReadOnlyList<ChatPair> pairs, MetricsSlot slot,
        double rate, TimeSpan length, CeilingOptions options, MessageCatalog catalog, CancellationToken stop)
    {
        var metrics = slot.Next();
        metrics.Latency(TimeSeries.PeerDelivery);
        // The previous step's garbage is collected now, between steps, rather than during the next one.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var clock = slot.Clock;
        var sides = pairs.SelectMany(p => new[] { (p.ConversationId, p.Seeker), (p.ConversationId, p.Supporter) }).ToArray();
        var interval = TimeSpan.FromSeconds(sides.Length / rate);
        var start = clock.After(clock.Now, TimeSpan.FromMilliseconds(100));
        var end = clock.After(start, length);
        await Task.WhenAll(sides.Select(side => Task.Run(() =>
            SendLoopAsync(metrics, side.ConversationId, side.Item2, clock.After(start, interval * Random.Shared.NextDouble()), interval, end, catalog, stop))));

        var deadline = clock.After(clock.Now, Grace);
        while (clock.Now < deadline && metrics.Ledger.Snapshot() is var counts && counts.Delivered < counts.Sent)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        await ReconcileAsync(target, pairs, metrics);
        var counters = metrics.Snapshot();
        var delivery = metrics.Latency(TimeSeries.PeerDelivery).Summarize();
        var achieved = counters.Delivery.Delivered / length.TotalSeconds;
        return new CeilingStep(rate, achieved, delivery, counters, Judge(rate, achieved, delivery, counters, options));
    }

    private static async Task SendLoopAsync(RunMetrics metrics, string conversationId, PairSide side, long first, TimeSpan interval,
        long end, MessageCatalog catalog, CancellationToken stop)
    {
        var clock = metrics.Clock;
        for (var k = 0; !stop.IsCancellationRequested; k++)
        {
            var intended = clock.After(first, interval * k);
            // A sender that has fallen a whole step behind stops: the shortfall shows as a lower achieved rate.
            if (intended >= end || clock.Now >= clock.After(end, Grace))
            {
                return;
            }

            await clock.WaitUntilAsync(intended, stop);
            var clientMessageId = Guid.NewGuid().ToString("N");
            metrics.Ledger.Expect(conversationId, clientMessageId, TimeSeries.PeerDelivery, side.OtherRole, intended);
            try
            {
                await metrics.CallAsync(cancel => side.Connection.InvokeAsync<Protocol.MessageView>(
                    "Send", conversationId, clientMessageId, catalog.Ordinary(Random.Shared), cancel));
            }
            catch (Exception)
            {
                metrics.Ledger.Withdraw(clientMessageId);
            }
        }
    }

    /// <summary>Where the target keeps transcripts, what never arrived is looked up there; elsewhere it stays unverified.</summary>
    private static async Task ReconcileAsync(IChatTarget target, IReadOnlyList<ChatPair> pairs, RunMetrics metrics)
    {
        foreach (var pair in pairs)
        {
            if (!target.HasHistory || metrics.Ledger.Pending(pair.ConversationId) == 0)
            {
                metrics.Ledger.Reconcile(pair.ConversationId, [], metrics.Clock.Now);
                continue;
            }

            try
            {
                var transcript = await metrics.CallAsync(cancel => pair.Seeker.Connection.InvokeAsync<Protocol.MessageView[]>(
                    "History", pair.ConversationId, 0L, cancel));
                metrics.Ledger.Reconcile(pair.ConversationId, transcript, metrics.Clock.Now);
            }
            catch (Exception)
            {
                // Counted as an error, which already fails the step.
            }
        }

        metrics.Ledger.CloseUnreconciled();
    }

    private static string? Judge(double offered, double achieved, LatencySummary delivery, Counters counters, CeilingOptions options)
    {
        var lost = counters.Delivery.Lost + counters.Delivery.Unverified;
        return counters.ErrorCount > 0 ? $"{counters.ErrorCount} errors ({string.Join(", ", counters.Errors.Select(e => $"{e.Key} {e.Value}"))})"
            : lost > 0 ? $"{lost} lost"
            : delivery.P99 > options.MaxP99Ms ? $"p99 {delivery.P99:0.#} ms > {options.MaxP99Ms} ms"
            : achieved < offered * 0.95 ? $"delivered {achieved:0}/s of {offered:0}/s"
            : null;
    }
}
