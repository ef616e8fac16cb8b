using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StoriBoard.Gateway.Auth;

/// <summary>Issues the signed, expiring bearer tokens that the JWT bearer handler validates.</summary>
public sealed class TokenIssuer(SigningKey signingKey, IOptions<GatewayOptions> options, TimeProvider time)
{
    public const string Issuer = "storiboard";
    public const string Audience = "storiboard";

    /// <summary>
    /// When the token was issued, to the millisecond: a staff member who signs in again just after their tokens were
    /// revoked (a role changed, a session ended) gets a token that works, where whole seconds could not tell the two apart.
    /// </summary>
    public const string IssuedAtMsClaim = "iat_ms";

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The token's issue time in Unix milliseconds; a token without the claim counts as issued at the end of its second, to be safe.</summary>
    public static long IssuedAtMs(ClaimsPrincipal principal, DateTime validFrom) =>
        long.TryParse(principal.FindFirst(IssuedAtMsClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : new DateTimeOffset(validFrom, TimeSpan.Zero).ToUnixTimeSeconds() * 1000 + 999;

    /// <summary>A token for <paramref name="lifetime"/>, or by default the role's lifetime from the settings.</summary>
    public string Issue(string subject, Role role, TimeSpan? lifetime = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lifetime ??= role == Role.Seeker ? options.Value.SeekerTokenLifetime : options.Value.SupporterTokenLifetime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime.Value,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, subject),
                new Claim("role", Roles.ClaimValue(role)),
                new Claim(IssuedAtMsClaim, new DateTimeOffset(now).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            ]),
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
