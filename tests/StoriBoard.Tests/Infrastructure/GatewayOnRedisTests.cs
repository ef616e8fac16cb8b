namespace StoriBoard.Tests.Infrastructure;

/// <summary>A test class with one real gateway on the collection's Redis, started before its tests and stopped after.</summary>
public abstract class GatewayOnRedisTests(RedisServer redis) : IAsyncLifetime
{
    protected GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>Extra configuration for this class's gateway, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    public async Task InitializeAsync() =>
        Gateway = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString, Environment = Environment });

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}
