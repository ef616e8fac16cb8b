using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace StoriBoard.Gateway.Auth;

public static class AuthSetup
{
    /// <summary>How far token times may drift between hosts.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>JWT bearer tokens from the Authorization header, or from ?access_token= on the hubs (browsers cannot set WebSocket headers).</summary>
    public static IServiceCollection AddStoriBoardAuth(this IServiceCollection services)
    {
        services.AddSingleton<SigningKey>();
        services.AddHostedService<SigningKey.Loader>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AdminKey>();
        services.AddMemoryCache();
        services.AddSingleton<TokenRevocations>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenRevocations>());
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKey>((o, key) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Audience,
                IssuerSigningKey = key.Key,
                NameClaimType = "sub",
                RoleClaimType = "role",
                ClockSkew = ClockSkew,
            };
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                        && context.Request.Query["access_token"] is { Count: > 0 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },

                // A revoked token (its seeker deleted their data, or left by the quick exit) is refused at once, on every gateway.
                OnTokenValidated = async context =>
                {
                    var subject = context.Principal?.FindFirst("sub")?.Value;
                    if (string.IsNullOrEmpty(subject))
                    {
                        context.Fail("The token names no one.");
                        return;
                    }

                    var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
                    if (await revocations.IsRevoked(subject, TokenIssuer.IssuedAtMs(context.Principal!, context.SecurityToken.ValidFrom)))
                    {
                        context.Fail("The token has been revoked.");
                    }
                },
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Seeker, p => p.RequireRole(Roles.Seeker))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Supporter, Roles.Supervisor))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Supervisor, Roles.Admin));
        return services;
    }

    private sealed class SubjectUserIdProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst("sub")?.Value;
    }
}

/// <summary>The operators' key for admin calls; generated and printed once when not configured.</summary>
public sealed class AdminKey
{
    public const string Header = "X-Admin-Key";

    private readonly byte[] _key;

    public AdminKey(IOptions<GatewayOptions> options)
    {
        var configured = options.Value.AdminKey;
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            Generated = configured;
        }

        _key = Encoding.UTF8.GetBytes(configured);
    }

    /// <summary>The generated key, to print once at start; null when the key was configured.</summary>
    public string? Generated { get; }

    public bool Matches(HttpRequest request) =>
        request.Headers[Header] is { Count: 1 } given
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.ToString()), _key);

    /// <summary>Refuses a call made without this key.</summary>
    public void Require(HttpRequest request)
    {
        if (!Matches(request))
        {
            throw new HelplineException(ErrorCodes.Unauthorized, $"This call needs the admin key in the {Header} header.");
        }
    }
}
