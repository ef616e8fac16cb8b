using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StoriBoard.Gateway.Hubs;
using StoriBoard.Silo;

namespace StoriBoard.Gateway.Auth;

/// <summary>
/// Tokens refused before they expire (a help-seeker who deleted their data). With Redis, a revocation is a key that
/// lives as long as any token of that user could (every gateway reads it) and a message on a channel (every gateway
/// closes that user's open connections at once); embedded, it is kept in memory. Each gateway remembers a lookup
/// briefly, so a token is checked against Redis at most once per <see cref="GatewayOptions.RevocationCheckCache"/>.
/// </summary>
public sealed class TokenRevocations(
    IOptions<GatewayOptions> options,
    IConfiguration configuration,
    IServiceProvider services,
    IMemoryCache cache,
    UserConnections connections,
    ILogger<TokenRevocations> logger) : IHostedService
{
    private readonly HostingOptions _hosting = configuration.StoriBoardHosting();
    private IConnectionMultiplexer? _redis;

    private RedisChannel Channel => RedisChannel.Literal($"storiboard:{_hosting.ServiceId}:revoked");

    /// <summary>Outlives every token the user may hold: each was issued before the revocation, with at most this life.</summary>
    private TimeSpan Lifetime =>
        (options.Value.SeekerTokenLifetime > options.Value.SupporterTokenLifetime
            ? options.Value.SeekerTokenLifetime
            : options.Value.SupporterTokenLifetime) + AuthSetup.ClockSkew;

    public async ValueTask<bool> IsRevoked(string subject)
    {
        if (cache.TryGetValue(CacheKey(subject), out bool revoked))
        {
            return revoked;
        }

        if (_redis is null)
        {
            return false; // embedded: memory holds every revocation for as long as it matters
        }

        revoked = await _redis.GetDatabase().KeyExistsAsync(RedisKey(subject));
        cache.Set(CacheKey(subject), revoked, revoked ? Lifetime : options.Value.RevocationCheckCache);
        return revoked;
    }

    /// <summary>Refuses the user's tokens from now on, everywhere, and closes their open connections.</summary>
    public async Task Revoke(string subject)
    {
        if (_redis is not null)
        {
            await _redis.GetDatabase().StringSetAsync(RedisKey(subject), 1, Lifetime);
            await _redis.GetSubscriber().PublishAsync(Channel, subject);
        }

        Apply(subject);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_hosting.Embedded)
        {
            return;
        }

        _redis = services.GetRequiredService<IConnectionMultiplexer>();
        await _redis.GetSubscriber().SubscribeAsync(Channel, (_, subject) =>
        {
            if (!subject.IsNullOrEmpty)
            {
                Apply(subject!);
            }
        }).WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Apply(string subject)
    {
        cache.Set(CacheKey(subject), true, Lifetime);
        var closed = connections.CloseAll(subject);
        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} connections of a revoked token", closed);
        }
    }

    private RedisKey RedisKey(string subject) => $"storiboard:{_hosting.ServiceId}:revoked:{subject}";

    private static string CacheKey(string subject) => "revoked:" + subject;
}
