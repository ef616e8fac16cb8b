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

    private readonly JsonWebTokenHandler _handler = new();

    public string Issue(string subject, Role role)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = role == Role.Seeker ? options.Value.SeekerTokenLifetime : options.Value.SupporterTokenLifetime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, subject),
                new Claim("role", Roles.ClaimValue(role)),
            ]),
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
