using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;
using StoriBoard.Silo;

namespace StoriBoard.Gateway.Auth;

/// <summary>
/// The key that signs tokens. Every gateway of a cluster must share it and it must outlive restarts, so with Redis the
/// first gateway to start stores a random key there and the others read it; embedded mode keeps one per process.
/// </summary>
public sealed class SigningKey(IOptions<GatewayOptions> options, IConfiguration configuration, IServiceProvider services)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => new SymmetricSecurityKey(Load(options.Value, configuration, services)));

    public SymmetricSecurityKey Key => _key.Value;

    private static byte[] Load(GatewayOptions options, IConfiguration configuration, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.TokenKey))
        {
            var configured = Convert.FromBase64String(options.TokenKey);
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
        db.StringSet(key, RandomNumberGenerator.GetBytes(32), when: When.NotExists);
        return (byte[])db.StringGet(key)!;
    }
}
