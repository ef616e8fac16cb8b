namespace StoriBoard.Tests.Infrastructure;

/// <summary>
/// A test class with one real gateway on the collection's Redis. Each test gets its own, started before it and stopped
/// after, unless the class passes a <see cref="GatewayForClass"/>: a gateway takes seconds to start, so a class whose
/// tests leave nothing another could trip on (no restart, no first admin, no supporter online) shares one.
/// </summary>
public abstract class GatewayOnRedisTests(RedisServer redis, GatewayForClass? shared = null) : IAsyncLifetime
{
    protected GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>Extra configuration for this class's gateway, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString, Environment = Environment };
        Gateway = shared is null ? await GatewayProcess.Start(settings) : await shared.Start(settings);
    }

    public async Task DisposeAsync()
    {
        if (shared is null)
        {
            await Gateway.DisposeAsync();
        }
    }
}

/// <summary>The gateway one test class's tests share (<c>IClassFixture</c>): started by the first, stopped after the last.</summary>
public sealed class GatewayForClass : IAsyncLifetime
{
    private Task<GatewayProcess>? _gateway;

    public Task<GatewayProcess> Start(HostSettings settings) => _gateway ??= GatewayProcess.Start(settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await (await _gateway).DisposeAsync();
        }
    }
}
