using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;
using StoriBoard.Silo;

namespace StoriBoard.Gateway.Auth;

/// <summary>
/// The key that signs tokens. Every gateway of a cluster must share it and it must outlive restarts, so with Redis the
/// first gateway to start stores a random key there and the others read it; embedded mode keeps one per process.
/// It is loaded once at start-up (<see cref="Loader"/>), before the host serves, so no request waits on Redis for it.
/// </summary>
public sealed class SigningKey(IOptions<GatewayOptions> options, IConfiguration configuration, IServiceProvider services)
{
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey Key =>
        _key ?? throw new InvalidOperationException("The token signing key is loaded at start-up; the host has not started.");

    public async Task Load(CancellationToken cancellation)
    {
        _key ??= new SymmetricSecurityKey(await Read(cancellation));
    }

    private async Task<byte[]> Read(CancellationToken cancellation)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.TokenKey))
        {
            var configured = Convert.FromBase64String(options.Value.TokenKey);
            return configured.Length >= 32
                ? configured
                : throw new InvalidOperationException("StoriBoard:TokenKey must be base64 of at least 32 bytes.");
        }

        var hosting = configuration.StoriBoardHosting();
        if (hosting.Embedded)
        {
            return RandomNumberGenerator.GetBytes(32);
        }

        var db = services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        RedisKey key = $"storiboard:{hosting.ServiceId}:token-signing-key";
        await db.StringSetAsync(key, RandomNumberGenerator.GetBytes(32), when: When.NotExists).WaitAsync(cancellation);
        return (byte[])(await db.StringGetAsync(key).WaitAsync(cancellation))!;
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
