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

/// <summary>The grain storages.</summary>
public static class Storage
{
    /// <summary>People and conversations (help-seekers, conversations, later plans and check-ins): each state expires
    /// the retention period after its last write.</summary>
    public const string Name = "helpline";

    /// <summary>Staff accounts, which must not vanish because a supporter took a month off. The storage key does not
    /// name the provider, so states written under <see cref="Name"/> before are still found here.</summary>
    public const string Staff = "staff";
}
