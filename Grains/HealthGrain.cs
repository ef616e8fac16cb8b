namespace StoriBoard;

/// <summary>Writes and reads back a tiny state, so that a green health check means storage answers too.</summary>
public sealed class HealthGrain(
    [PersistentState("health", Storage.Name)] IPersistentState<HealthGrain.Probe> probe,
    TimeProvider time) : Grain, IHealthGrain
{
    public async Task Check()
    {
        probe.State.CheckedAt = time.GetUtcNow();
        await probe.WriteStateAsync();
        await probe.ReadStateAsync();
    }

    [GenerateSerializer, Alias("StoriBoard.HealthGrain.Probe")]
    public sealed class Probe
    {
        [Id(0)]
        public DateTimeOffset CheckedAt { get; set; }
    }
}

/// <summary>The grain storage every grain uses.</summary>
public static class Storage
{
    public const string Name = "helpline";
}
