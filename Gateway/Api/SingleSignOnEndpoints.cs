using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StackExchange.Redis;
using StoriBoard.Gateway.Audit;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
using StoriBoard.Silo;
using StoriBoard.Staff;

namespace StoriBoard.Gateway.Api;

/// <summary>
/// Staff sign-in through the helpline's OpenID Connect provider, when configured. The provider's answer is held in a
/// short-lived cookie only between the callback and <c>/api/staff/sso/complete</c>, which matches the e-mail address to
/// an invited, active account, opens a session as a password would, and hands the page its refresh token in the
/// fragment (never sent to a server). Nobody gets an account by signing in: an admin invites them first.
/// </summary>
public static class SingleSignOnEndpoints
{
    public const string Scheme = "staff-sso";
    public const string CookieScheme = "staff-sso-cookie";

    private static readonly string[] Pages = ["console", "admin", "reports", "floor"];

    public static IServiceCollection AddStoriBoardSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SingleSignOnOptions>(configuration, SingleSignOnOptions.Section);
        var options = Settings.Checked(
            configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new(), SingleSignOnOptions.Section);
        if (!options.Enabled)
        {
            return services;
        }

        ShareSignInKeys(services, configuration);
        services.AddAuthentication()
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "storiboard-sso";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
                o.SlidingExpiration = false;
            })
            .AddOpenIdConnect(Scheme, o =>
            {
                o.SignInScheme = CookieScheme;
                o.Authority = options.Authority;
                o.RequireHttpsMetadata = new Uri(options.Authority!).Scheme == Uri.UriSchemeHttps;
                o.ClientId = options.ClientId;
                o.ClientSecret = options.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;

                // The code comes back on a plain top-level GET, so the state and nonce cookies can be SameSite=Lax and
                // work over http on loopback too.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("email");
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = false;

                // The provider refused, the sign-in took too long, or its state is unreadable: back to the page with a
                // plain message rather than an error page.
                o.Events.OnRemoteFailure = failure =>
                {
                    var page = failure.Properties?.RedirectUri?.EndsWith("page=admin", StringComparison.Ordinal) == true ? "admin" : "console";
                    failure.Response.Redirect($"/{page}#sso-error=failed");
                    failure.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>
    /// The sign-in's state and cookies are protected with Data Protection keys. With Redis every gateway keeps them in
    /// one place, so a sign-in started on one gateway completes on another (or on the same one after a restart).
    /// </summary>
    private static void ShareSignInKeys(IServiceCollection services, IConfiguration configuration)
    {
        var hosting = configuration.StoriBoardHosting();
        var dataProtection = services.AddDataProtection().SetApplicationName($"storiboard-{hosting.ServiceId}");
        if (hosting.Embedded)
        {
            return;
        }

        RedisKey key = $"storiboard:{hosting.ServiceId}:sign-in-keys";
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), key)));
    }

    public static RouteGroupBuilder MapSingleSignOn(this RouteGroupBuilder api)
    {
        api.MapGet("/staff/sso", (IOptions<SingleSignOnOptions> options) => Results.Ok(new { enabled = options.Value.Enabled }));
        api.MapGet("/staff/sso/start", Start).RequireRateLimiting(EdgeLimits.StaffSignInPolicy);
        api.MapGet("/staff/sso/complete", Complete);
        return api;
    }

    private static IResult Start(string? page, IOptions<SingleSignOnOptions> options)
    {
        if (!options.Value.Enabled)
        {
            throw HelplineException.NotFound("Single sign-on");
        }

        return Results.Challenge(
            new AuthenticationProperties { RedirectUri = $"/api/staff/sso/complete?page={Page(page)}" }, [Scheme]);
    }

    private static async Task<IResult> Complete(
        string? page, HttpContext http, IOptions<SingleSignOnOptions> options, IGrainFactory grains, AuditLog audit)
    {
        if (!options.Value.Enabled)
        {
            throw HelplineException.NotFound("Single sign-on");
        }

        var back = $"/{Page(page)}";
        var signedIn = await http.AuthenticateAsync(CookieScheme);
        await http.SignOutAsync(CookieScheme);
        var address = ClientAddress.Of(http);
        var email = signedIn.Succeeded ? signedIn.Principal.FindFirst(options.Value.EmailClaim)?.Value : null;
        var verified = signedIn.Succeeded && signedIn.Principal.FindFirst("email_verified")?.Value is not ("false" or "False");
        if (email is null || !verified)
        {
            await audit.Record("unknown", AuditActions.SignInFailed, null, "single sign-on: no verified e-mail address", address);
            return Results.Redirect($"{back}#sso-error=no-email");
        }

        var accountId = await grains.GetGrain<IStaffDirectoryGrain>(0).Find(email.Trim().ToLowerInvariant());
        if (accountId is null)
        {
            await audit.Record("unknown", AuditActions.SignInFailed, null, "single sign-on: unknown address", address);
            return Results.Redirect($"{back}#sso-error=no-account");
        }

        StaffSessionOpened opened;
        try
        {
            opened = await grains.GetGrain<IStaffAccountGrain>(accountId).OpenSession();
        }
        catch (HelplineException refused) when (refused.Code == ErrorCodes.Unauthorized)
        {
            await audit.Record(accountId, AuditActions.SignInFailed, accountId, "single sign-on: inactive", address);
            return Results.Redirect($"{back}#sso-error=inactive");
        }

        await audit.Record(accountId, AuditActions.SignedIn, accountId, $"single sign-on {opened.SessionId}", address);
        return Results.Redirect($"{back}#session={opened.RefreshToken}");
    }

    private static string Page(string? page) => Pages.Contains(page) ? page! : "console";
}
