using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Staff;

/// <summary>
/// An OpenID Connect provider on loopback, as small as the code flow allows: discovery, keys, an authorize endpoint that
/// signs in whoever <see cref="NextEmail"/> names without asking, and a token endpoint that checks the code, the client
/// and the PKCE verifier and answers a signed ID token with the nonce it was given. The helpline's provider stands
/// outside the system, so it is the one part of these tests that is not the real thing.
/// </summary>
public sealed class TinyIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "storiboard-test";
    public const string ClientSecret = "a client secret for the tests";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly Dictionary<string, (string Nonce, string Challenge, string RedirectUri, string Email)> _codes = [];
    private WebApplication? _app;

    public TinyIdentityProvider() => Issuer = $"http://127.0.0.1:{Port}";

    public int Port { get; } = Ports.Free();

    public string Issuer { get; }

    /// <summary>Who the next sign-in is.</summary>
    public string NextEmail { get; set; } = "";

    public bool NextEmailVerified { get; set; } = true;

    public async Task Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Issuer);
        _app = builder.Build();
        var key = new RsaSecurityKey(_rsa) { KeyId = "test-key" };
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var parameters = _rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
                },
            });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query;
            if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256")
            {
                return Results.BadRequest();
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            lock (_codes)
            {
                _codes[code] = (query["nonce"]!, query["code_challenge"]!, query["redirect_uri"]!, NextEmail);
            }

            return Results.Redirect($"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            (string Nonce, string Challenge, string RedirectUri, string Email) grant;
            lock (_codes)
            {
                if (!_codes.Remove(form["code"].ToString(), out grant))
                {
                    return Results.BadRequest(new { error = "invalid_grant" });
                }
            }

            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (challenge != grant.Challenge || form["redirect_uri"] != grant.RedirectUri
                || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            {
                return Results.BadRequest(new { error = "invalid_grant" });
            }

            var now = DateTime.UtcNow;
            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = ClientId,
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Subject = new ClaimsIdentity([
                    new Claim("sub", "person-" + grant.Email),
                    new Claim("email", grant.Email),
                    new Claim("email_verified", NextEmailVerified ? "true" : "false", ClaimValueTypes.Boolean),
                    new Claim("nonce", grant.Nonce),
                ]),
                SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "not-used", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
        await _app.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _rsa.Dispose();
    }
}
