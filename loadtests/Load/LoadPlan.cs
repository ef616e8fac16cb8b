namespace StoriBoard.LoadTests.Load;

/// <summary>What the plan asks for at one moment: a closed pool size, or an open arrival rate.</summary>
public readonly record struct LoadPoint(bool IsOpen, double Copies, double Rate);

/// <summary>Load stages played one after another.</summary>
public sealed class LoadPlan
{
    private readonly (LoadSimulation Stage, TimeSpan Start, double FromCopies, double FromRate)[] _stages;

    public LoadPlan(params LoadSimulation[] stages)
    {
        if (stages.Length == 0)
        {
            throw new ArgumentException("A plan needs at least one stage.", nameof(stages));
        }

        Stages = stages;
        var start = TimeSpan.Zero;
        double copies = 0, rate = 0;
        _stages = new (LoadSimulation, TimeSpan, double, double)[stages.Length];
        for (var i = 0; i < stages.Length; i++)
        {
            _stages[i] = (stages[i], start, copies, rate);
            start += stages[i].During;
            switch (stages[i])
            {
                case RampingConstant s: copies = s.Copies; break;
                case KeepConstant s: copies = s.Copies; break;
                case RampingInject s: rate = s.Rate; break;
                case Inject s: rate = s.Rate; break;
            }
        }

        Duration = start;
    }

    public IReadOnlyList<LoadSimulation> Stages { get; }

    public TimeSpan Duration { get; }

    public LoadPoint At(TimeSpan elapsed)
    {
        foreach (var (stage, start, fromCopies, fromRate) in _stages)
        {
            if (elapsed >= start + stage.During)
            {
                continue;
            }

            var progress = stage.During <= TimeSpan.Zero ? 1 : (elapsed - start) / stage.During;
            return stage switch
            {
                RampingConstant s => new LoadPoint(false, fromCopies + ((s.Copies - fromCopies) * progress), 0),
                KeepConstant s => new LoadPoint(false, s.Copies, 0),
                RampingInject s => new LoadPoint(true, 0, fromRate + ((s.Rate - fromRate) * progress)),
                Inject s => new LoadPoint(true, 0, s.Rate),
                _ => new LoadPoint(true, 0, 0),
            };
        }

        return new LoadPoint(true, 0, 0);
    }

    public string Describe() => string.Join(" → ", Stages.Select(s => s switch
    {
        RampingConstant r => $"ramp to {r.Copies} live in {r.During.TotalSeconds:0}s",
        KeepConstant k => $"keep {k.Copies} live for {k.During.TotalSeconds:0}s",
        RampingInject r => $"ramp to {r.Rate:0.#}/s in {r.During.TotalSeconds:0}s",
        Inject i => $"inject {i.Rate:0.#}/s for {i.During.TotalSeconds:0}s",
        _ => $"pause {s.During.TotalSeconds:0}s",
    }));
}
