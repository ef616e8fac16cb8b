using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using StoriBoard.Gateway.Audit;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
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

    private static readonly string[] Pages = ["console", "admin", "floor"];

    public static IServiceCollection AddStoriBoardSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<SingleSignOnOptions>(configuration, SingleSignOnOptions.Section);
        var options = Settings.Checked(
            configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new(), SingleSignOnOptions.Section);
        if (!options.Enabled)
        {
            return services;
        }

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
            });
        return services;
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
