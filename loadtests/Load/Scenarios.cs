namespace StoriBoard.LoadTests.Load;

/// <summary>The named scenarios' load plans, built from the load simulations.</summary>
public static class Scenarios
{
    /// <summary>
    /// About how long one simulated visit lasts at think-scale 1 (messages to the AI, the match, the
    /// chat): by Little's law, arrivals per second × this ≈ people talking at once.
    /// </summary>
    public static readonly TimeSpan TypicalVisit = TimeSpan.FromSeconds(20);

    public static double ArrivalsFor(int liveSeekers, double thinkScale) => liveSeekers / (TypicalVisit.TotalSeconds * thinkScale);

    /// <summary>A short closed run: ramp up to the pool, hold it.</summary>
    public static LoadPlan Smoke(int seekers, TimeSpan duration) => new(
        new RampingConstant(seekers, duration * 0.2),
        new KeepConstant(seekers, duration * 0.8));

    /// <summary>
    /// A night compressed: arrivals climb through the evening, peak between midnight and two, and ebb
    /// towards four in the morning (open model, since people arrive whether or not the system keeps up).
    /// </summary>
    public static LoadPlan NightPeak(double peakArrivals, TimeSpan duration) => new(
        new RampingInject(peakArrivals * 0.4, duration * 0.2),
        new RampingInject(peakArrivals, duration * 0.15),
        new Inject(peakArrivals, duration * 0.25),
        new RampingInject(peakArrivals * 0.5, duration * 0.2),
        new RampingInject(peakArrivals * 0.1, duration * 0.2));

    /// <summary>A steady evening, then suddenly five times the arrivals (the night after a public tragedy), then back.</summary>
    public static LoadPlan Burst(double baseArrivals, TimeSpan duration) => new(
        new Inject(baseArrivals, duration * 0.4),
        new Inject(baseArrivals * 5, duration * 0.2),
        new Inject(baseArrivals, duration * 0.4));

    /// <summary>Hours at a steady number of people: leaks and slow drifts show here.</summary>
    public static LoadPlan Soak(int seekers, TimeSpan duration)
    {
        var ramp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, duration.Ticks / 10));
        return new LoadPlan(new RampingConstant(seekers, ramp), new KeepConstant(seekers, duration - ramp));
    }
}
