using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StoriBoard.Gateway.Hubs;
using StoriBoard.Silo;
using StoriBoard.Staff;

namespace StoriBoard.Gateway.Auth;

/// <summary>
/// Tokens refused before they expire (a help-seeker who deleted their data or used the quick exit). A revocation refuses
/// the tokens issued up to its moment; a token issued later (the person came back with their return key) works. With
/// Redis, a revocation is a key that lives as long as any token of that user could (every gateway reads it), named by a
/// hash of the user's id so that an erased person's id does not stay behind in it, and a message on a channel (every
/// gateway closes that user's open connections at once); embedded, it is kept in memory. Each gateway remembers a lookup
/// briefly, so a token is checked against Redis at most once per <see cref="GatewayOptions.RevocationCheckCache"/>.
/// </summary>
public sealed class TokenRevocations(
    IOptions<GatewayOptions> options,
    IOptions<StaffOptions> staff,
    IConfiguration configuration,
    IServiceProvider services,
    IMemoryCache cache,
    UserConnections connections,
    TimeProvider time,
    ILogger<TokenRevocations> logger) : IHostedService
{
    private readonly HostingOptions _hosting = configuration.StoriBoardHosting();
    private IConnectionMultiplexer? _redis;

    private RedisChannel Channel => RedisChannel.Literal($"storiboard:{_hosting.ServiceId}:revoked");

    /// <summary>Outlives every token the user may hold: each was issued before the revocation, with at most this life.</summary>
    private TimeSpan Lifetime =>
        new[] { options.Value.SeekerTokenLifetime, options.Value.SupporterTokenLifetime, staff.Value.AccessTokenLifetime }.Max()
        + AuthSetup.ClockSkew;

    /// <summary>Whether a token of this user issued at <paramref name="issuedAtMs"/> (Unix milliseconds) is refused.</summary>
    public async ValueTask<bool> IsRevoked(string subject, long issuedAtMs)
    {
        if (!cache.TryGetValue(CacheKey(subject), out long revokedAt))
        {
            if (_redis is null)
            {
                return false; // embedded: memory holds every revocation for as long as it matters
            }

            var stored = await _redis.GetDatabase().StringGetAsync(RedisKey(subject));
            revokedAt = stored.TryParse(out long at) ? at : NotRevoked;
            cache.Set(CacheKey(subject), revokedAt, revokedAt != NotRevoked ? Lifetime : options.Value.RevocationCheckCache);
        }

        return revokedAt != NotRevoked && issuedAtMs <= revokedAt;
    }

    /// <summary>Refuses the user's tokens issued until now, everywhere, and closes their open connections.</summary>
    public async Task Revoke(string subject)
    {
        var revokedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_redis is not null)
        {
            await _redis.GetDatabase().StringSetAsync(RedisKey(subject), revokedAt, Lifetime);
            await _redis.GetSubscriber().PublishAsync(Channel, $"{revokedAt}:{subject}");
        }

        Apply(subject, revokedAt);
    }

    private const long NotRevoked = 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_hosting.Embedded)
        {
            return;
        }

        _redis = services.GetRequiredService<IConnectionMultiplexer>();
        await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) =>
        {
            var text = (string?)message ?? "";
            var colon = text.IndexOf(':');
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), out var revokedAt) && colon < text.Length - 1)
            {
                Apply(text[(colon + 1)..], revokedAt);
            }
        }).WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Apply(string subject, long revokedAt)
    {
        cache.Set(CacheKey(subject), revokedAt, Lifetime);
        var closed = connections.CloseAll(subject);
        if (closed > 0)
        {
            logger.LogInformation("Closed {Count} connections of a revoked token", closed);
        }
    }

    private RedisKey RedisKey(string subject) =>
        $"storiboard:{_hosting.ServiceId}:revoked:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject)))}";

    private static string CacheKey(string subject) => "revoked:" + subject;
}
