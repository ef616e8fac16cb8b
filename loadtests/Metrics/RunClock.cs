using System.Diagnostics;

namespace StoriBoard.LoadTests.Metrics;

/// <summary>Monotonic timestamps for one run: intended send times and arrivals live on the same timeline.</summary>
public sealed class RunClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public long Now => Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);

    public long After(long timestamp, TimeSpan delay) => timestamp + (long)(delay.TotalSeconds * Stopwatch.Frequency);

    public static long Microseconds(long from, long to) => Math.Max(0, (to - from) * 1_000_000 / Stopwatch.Frequency);

    /// <summary>Waits until an intended moment; a moment already past returns at once, so lateness stays measured.</summary>
    public async Task WaitUntilAsync(long timestamp, CancellationToken cancel)
    {
        var remaining = Stopwatch.GetElapsedTime(Now, timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancel);
        }
    }
}
