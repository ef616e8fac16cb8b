using Spectre.Console;
using StoriBoard.LoadTests.Metrics;

namespace StoriBoard.LoadTests.Cli;

/// <summary>
/// The run's vital signs once a second: a live table in a terminal, a plain line every few seconds
/// when the output is a file or a CI log.
/// </summary>
public sealed class LiveProgress(string scenario, TimeSpan planned) : IRunObserver
{
    private const int PlainEvery = 5;
    private readonly Lock _lock = new();
    private LiveDisplayContext? _live;
    private int _samples;

    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    /// <summary>Runs <paramref name="work"/> with the live display around it (or plainly).</summary>
    public async Task<T> ShowAsync<T>(Func<IRunObserver, Task<T>> work)
    {
        if (!Interactive)
        {
            return await work(this);
        }

        return await AnsiConsole.Live(Render(null, null)).AutoClear(false).StartAsync(async context =>
        {
            lock (_lock)
            {
                _live = context;
            }

            return await work(this);
        });
    }

    public void Sampled(TimeSample sample, Counters counters)
    {
        lock (_lock)
        {
            if (_live is not null)
            {
                _live.UpdateTarget(Render(sample, counters));
                return;
            }
        }

        if (++_samples % PlainEvery == 0)
        {
            var peer = sample.Latencies.GetValueOrDefault(TimeSeries.PeerDelivery);
            Console.WriteLine(
                $"[{sample.Seconds,6:0}s] live {sample.LiveSeekers} | supporters {sample.SupportersOnline} | sent {sample.SentPerSecond:0}/s delivered {sample.DeliveredPerSecond:0}/s"
                + $" | peer p50 {peer?.P50 ?? 0:0.#} ms p99 {peer?.P99 ?? 0:0.#} ms | errors {counters.ErrorCount} | lost {counters.Delivery.Lost} | matched {counters.SeekersMatched}");
        }
    }

    private Table Render(TimeSample? sample, Counters? counters)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{scenario}[/]").AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        if (sample is null || counters is null)
        {
            return table.AddRow("starting", "supporters going online…");
        }

        var peer = sample.Latencies.GetValueOrDefault(TimeSeries.PeerDelivery);
        var ai = sample.Latencies.GetValueOrDefault(MetricNames.AiFirstReply);
        var d = counters.Delivery;
        table.AddRow("elapsed", $"{sample.Seconds:0} / {planned.TotalSeconds:0} s");
        table.AddRow("seekers live", sample.LiveSeekers.ToString());
        table.AddRow("seekers arrived / matched / not matched", $"{counters.SeekersStarted} / {counters.SeekersMatched} / {counters.SeekersUnmatched}");
        table.AddRow("supporters online", sample.SupportersOnline.ToString());
        table.AddRow("peer messages sent / delivered per s", $"{sample.SentPerSecond:0} / {sample.DeliveredPerSecond:0}");
        table.AddRow("peer delivery p50 / p99 (this second)", $"{peer?.P50 ?? 0:0.#} / {peer?.P99 ?? 0:0.#} ms");
        table.AddRow("AI first reply p99 (this second)", ai is { Count: > 0 } ? $"{ai.P99:0.#} ms" : "–");
        table.AddRow("delivered / late / lost / duplicated", $"{d.Delivered} / {d.Late} / {Mark(d.Lost)} / {Mark(d.Duplicated)}");
        table.AddRow("errors / reconnects", $"{Mark(counters.ErrorCount)} / {counters.Reconnects}");
        return table;
    }

    private static string Mark(long count) => count == 0 ? "0" : $"[red]{count}[/]";
}
