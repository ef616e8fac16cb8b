using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;
using StoriBoard.Silo;

namespace StoriBoard.Gateway.Auth;

/// <summary>
/// The key that signs tokens, loaded once at start-up (<see cref="Loader"/>), before the host serves. With Redis every
/// gateway must share it and it must outlive restarts, so it comes from StoriBoard:TokenKey and the gateway refuses
/// to start without it: a key kept in Redis would let anyone who can read Redis (a dump, a replica, a backup) sign
/// tokens for any role, and wrapping it there would need a wrapping key from settings anyway, which is no simpler
/// than the key itself. Embedded mode keeps a random key per process.
/// </summary>
public sealed class SigningKey(
    IOptions<GatewayOptions> options, IConfiguration configuration, IServiceProvider services, ILogger<SigningKey> logger)
{
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key =>
        _key ?? throw new InvalidOperationException("The token signing key is loaded at start-up; the host has not started.");

    public async Task Load(CancellationToken cancellation)
    {
        _key ??= new SymmetricSecurityKey(Read());
        await ForgetStoredKey(cancellation);
    }

    private byte[] Read()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.TokenKey))
        {
            byte[] configured;
            try
            {
                configured = Convert.FromBase64String(options.Value.TokenKey);
            }
            catch (FormatException)
            {
                configured = [];
            }

            return configured.Length >= 32
                ? configured
                : throw new InvalidOperationException("StoriBoard:TokenKey must be base64 of at least 32 bytes.");
        }

        if (configuration.StoriBoardHosting().Embedded)
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        throw new InvalidOperationException(
            "StoriBoard:TokenKey is required with Redis: every gateway must sign with the same key, and it is never " +
            "stored in Redis. Set StoriBoard__TokenKey to base64 of 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`).");
    }

    /// <summary>Earlier versions kept the key in Redis in the clear: remove it, so it cannot be read from there.</summary>
    private async Task ForgetStoredKey(CancellationToken cancellation)
    {
        var hosting = configuration.StoriBoardHosting();
        if (hosting.Embedded)
        {
            return;
        }

        try
        {
            var db = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
            if (await db.KeyDeleteAsync($"storiboard:{hosting.ServiceId}:token-signing-key").WaitAsync(cancellation))
            {
                logger.LogWarning("Removed a token signing key stored in Redis by an earlier version; tokens it signed stay valid only if StoriBoard:TokenKey is the same key.");
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not check Redis for an old stored signing key: {Fault}", exception.GetType().Name);
        }
    }

    /// <summary>Loads the key in the hosts' starting phase, which completes before any hosted service (the web server
    /// among them) starts.</summary>
    public sealed class Loader(SigningKey key) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => key.Load(cancellationToken);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
