using System.Net;
using System.Net.Http.Json;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Audit;
using StoriBoard.Tests.Infrastructure;
using static StoriBoard.Tests.Staff.StaffHelpline;

namespace StoriBoard.Tests.Staff;

/// <summary>
/// Single sign-on through a real gateway and an OpenID Connect provider on loopback: a person the provider signs in is
/// matched by e-mail address to the account an admin invited; nobody else gets in.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class SingleSignOnTests(RedisServer redis) : GatewayOnRedisTests(redis), IAsyncLifetime
{
    private readonly TinyIdentityProvider _provider = new();

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Staff__SingleSignOn__Authority"] = _provider.Issuer,
        ["StoriBoard__Staff__SingleSignOn__ClientId"] = TinyIdentityProvider.ClientId,
        ["StoriBoard__Staff__SingleSignOn__ClientSecret"] = TinyIdentityProvider.ClientSecret,
    };

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _provider.Start();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task An_invited_person_signs_in_through_the_provider_and_nobody_else_does()
    {
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");
        using var plain = HttpClients.For(Gateway.Url);
        Assert.True((await plain.GetFromJsonAsync<SsoState>("/api/staff/sso"))!.Enabled);

        _provider.NextEmail = "JAKE@helpline.example";
        var landed = await SignInThroughProvider("console");
        Assert.StartsWith("/console#session=", landed);
        var refreshed = await Refresh(Gateway.Url, landed["/console#session=".Length..]);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var session = (await refreshed.Content.ReadFromJsonAsync<StaffSession>(ProtocolJson.Options))!;
        Assert.Equal((jake.AccountId, Role.Supporter), (session.AccountId, session.Role));
        await using (await SupporterClient.Connect(Gateway.Url, AsSupporter(session)))
        {
        }

        _provider.NextEmail = "stranger@helpline.example";
        Assert.Equal("/admin#sso-error=no-account", await SignInThroughProvider("admin"));

        _provider.NextEmail = "jake@helpline.example";
        _provider.NextEmailVerified = false;
        Assert.Equal("/console#sso-error=no-email", await SignInThroughProvider("console"));

        _provider.NextEmailVerified = true;
        using var asAdmin = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        await asAdmin.PostAsync($"/api/staff/{jake.AccountId}/deactivate", null);
        Assert.Equal("/console#sso-error=inactive", await SignInThroughProvider("console"));

        var signIns = (await Audit(Gateway.Url, admin)).Where(e => e.Action is AuditActions.SignedIn or AuditActions.SignInFailed).ToArray();
        Assert.Contains(signIns, e => e.Action == AuditActions.SignedIn && e.Target == jake.AccountId && e.Detail!.StartsWith("single sign-on"));
        Assert.Equal(3, signIns.Count(e => e.Action == AuditActions.SignInFailed && e.Detail!.StartsWith("single sign-on")));
    }

    [Fact]
    public async Task A_sign_in_started_on_one_gateway_completes_on_another()
    {
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");
        // A host of its own: nothing on disk in common with the first (keys kept under a home folder would be shared here).
        var home = Directory.CreateTempSubdirectory("storiboard-second-gateway-");
        await using var second = await GatewayProcess.Start(Gateway.Settings.Another() with
        {
            Environment = new Dictionary<string, string>(Environment) { ["HOME"] = home.FullName },
        });

        _provider.NextEmail = "jake@helpline.example";
        var landed = await SignInThroughProvider("console", returnTo: second);

        Assert.StartsWith("/console#session=", landed);
        var refreshed = await Refresh(second.Url, landed["/console#session=".Length..]);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(jake.AccountId, (await refreshed.Content.ReadFromJsonAsync<StaffSession>(ProtocolJson.Options))!.AccountId);
    }

    [Fact]
    public async Task The_completion_without_a_provider_answer_signs_nobody_in()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Gateway.Url };
        var response = await http.GetAsync("/api/staff/sso/complete?page=admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin#sso-error=no-email", response.Headers.Location!.OriginalString);

        // An answer whose state no gateway can read (forged, or from before the keys) goes back to a page, not an error.
        var unreadable = await http.GetAsync("/signin-oidc?code=0123&state=not-a-state-this-helpline-made");
        Assert.Equal(HttpStatusCode.Redirect, unreadable.StatusCode);
        Assert.Equal("/console#sso-error=failed", unreadable.Headers.Location!.OriginalString);
    }

    /// <summary>Follows the redirects a browser would, from the gateway to the provider and back, and answers where the page lands.</summary>
    /// <param name="returnTo">
    /// Another gateway that takes the browser from the provider's answer on, as a proxy in front of several would: the
    /// request keeps the public host the sign-in started on.
    /// </param>
    private async Task<string> SignInThroughProvider(string page, GatewayProcess? returnTo = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var next = new Uri(Gateway.Url, $"/api/staff/sso/start?page={page}");
        var publicHost = Gateway.Url.Authority;
        for (var hop = 0; hop < 10; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            if (returnTo is not null && next.Authority == publicHost && !next.AbsolutePath.StartsWith("/api/staff/sso/start", StringComparison.Ordinal))
            {
                request.RequestUri = new UriBuilder(next) { Port = returnTo.Url.Port }.Uri;
                request.Headers.Host = publicHost;
            }

            var response = await http.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{next} answered {response.StatusCode}");
            var location = response.Headers.Location!;
            if (!location.IsAbsoluteUri && location.OriginalString.Contains('#'))
            {
                return location.OriginalString;
            }

            next = location.IsAbsoluteUri ? location : new Uri(next, location);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    private sealed record SsoState(bool Enabled);
}
