namespace StoriBoard.Tests.Infrastructure;

/// <summary>
/// A gateway on a Redis of its own, for a test that stalls or stops that Redis. Disposing kills the gateway rather than
/// stopping it politely (a silo that lost its membership store takes long to stop), then ends Redis.
/// </summary>
public sealed class GatewayWithOwnRedis : IAsyncDisposable
{
    private GatewayWithOwnRedis(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public GatewayProcess Gateway { get; private set; } = null!;

    public static async Task<GatewayWithOwnRedis> Start(IReadOnlyDictionary<string, string>? environment = null)
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        var owned = new GatewayWithOwnRedis(redis);
        try
        {
            owned.Gateway = await GatewayProcess.Start(new HostSettings
            {
                Redis = redis.ConnectionString,
                Environment = environment ?? new Dictionary<string, string>(),
            });
            return owned;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Kill();
        await Redis.DisposeAsync();
    }
}
