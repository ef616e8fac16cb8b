using StoriBoard.LoadTests.Metrics;

namespace StoriBoard.LoadTests.Load;

/// <summary>
/// Plays a <see cref="LoadPlan"/>: starts seekers to keep the closed pool at its size, and starts open
/// arrivals at their exact intended moments (interpolated between ticks), so that a late tick shows as
/// lateness in the seeker's measured times rather than silently shifting the schedule.
/// </summary>
public sealed class LoadDriver(RunClock clock)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private readonly List<Task> _journeys = [];
    private int _live;

    /// <summary>Seekers started and not yet finished.</summary>
    public int Live => Volatile.Read(ref _live);

    /// <param name="startJourney">Starts one seeker at its intended start; the token asks it to wrap up.</param>
    /// <param name="stop">Cancelled to end the plan early (Ctrl+C).</param>
    public async Task RunAsync(LoadPlan plan, Func<long, CancellationToken, Task> startJourney, TimeSpan drain, CancellationToken stop)
    {
        using var wrapUp = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var start = clock.Now;
        var previous = TimeSpan.Zero;
        var previousRate = plan.At(TimeSpan.Zero).Rate;
        double arrivals = 0;
        long started = 0;
        using var timer = new PeriodicTimer(Tick);
        while (!stop.IsCancellationRequested)
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            if (elapsed >= plan.Duration)
            {
                break;
            }

            var point = plan.At(elapsed);
            if (point.IsOpen)
            {
                var span = (elapsed - previous).TotalSeconds;
                var before = arrivals;
                arrivals += (previousRate + point.Rate) / 2 * span;
                while (started < (long)arrivals)
                {
                    started++;
                    // Where between the two ticks this arrival was due.
                    var share = arrivals > before ? (started - before) / (arrivals - before) : 1;
                    Launch(startJourney, clock.After(start, previous + ((elapsed - previous) * share)), wrapUp.Token);
                }
            }
            else
            {
                while (Live < (int)Math.Round(point.Copies))
                {
                    Launch(startJourney, clock.Now, wrapUp.Token);
                }
            }

            previous = elapsed;
            previousRate = point.Rate;
            try
            {
                await timer.WaitForNextTickAsync(stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Seekers finish what they are saying, reconcile and end; those still at it after the drain are told to wrap up.
        await wrapUp.CancelAsync();
        Task[] all;
        lock (_journeys)
        {
            all = _journeys.ToArray();
        }

        await Task.WhenAny(Task.WhenAll(all), Task.Delay(drain, CancellationToken.None));
    }

    private void Launch(Func<long, CancellationToken, Task> startJourney, long intendedStart, CancellationToken wrapUp)
    {
        Interlocked.Increment(ref _live);
        var journey = Task.Run(async () =>
        {
            try
            {
                await startJourney(intendedStart, wrapUp);
            }
            finally
            {
                Interlocked.Decrement(ref _live);
            }
        }, CancellationToken.None);
        lock (_journeys)
        {
            // Pruned now and then rather than on every start: a soak starts tens of thousands.
            if (_journeys.Count % 1024 == 0)
            {
                _journeys.RemoveAll(t => t.IsCompleted);
            }

            _journeys.Add(journey);
        }
    }
}
