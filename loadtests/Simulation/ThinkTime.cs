namespace StoriBoard.LoadTests.Simulation;

/// <summary>
/// Human pauses drawn from a log-normal distribution: most are near the median, a few are much longer,
/// which is how typing and reading times are spread. Bounded so one outlier cannot stall a run.
/// </summary>
public sealed record ThinkTime(TimeSpan Median, double Sigma, TimeSpan Min, TimeSpan Max)
{
    public TimeSpan Draw(Random random)
    {
        // Box–Muller: one standard normal draw.
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var seconds = Median.TotalSeconds * Math.Exp(Sigma * normal);
        return TimeSpan.FromSeconds(Math.Clamp(seconds, Min.TotalSeconds, Max.TotalSeconds));
    }

    /// <summary>The same shape, scaled: night-long journeys compressed into minutes.</summary>
    public ThinkTime Scaled(double factor) => this with { Median = Median * factor, Min = Min * factor, Max = Max * factor };
}
