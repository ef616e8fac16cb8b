using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Auth;

namespace StoriBoard.Gateway.Api;

/// <summary>Web Push for check-ins: the helpline's public key, and the seeker's subscription (docs/protocol.md).</summary>
public static class PushApi
{
    /// <summary>The gateway checks subscriptions against the same settings the silos send with.</summary>
    public static IServiceCollection AddStoriBoardPushApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebPushOptions>(configuration, WebPushOptions.Section);
        return services;
    }

    public static RouteGroupBuilder MapPushApi(this RouteGroupBuilder api)
    {
        api.MapGet("/push/key", PublicKey);
        api.MapGet("/me/push", Subscribed).RequireAuthorization(Policies.Seeker);
        api.MapPut("/me/push", Subscribe).RequireAuthorization(Policies.Seeker);
        api.MapDelete("/me/push", Unsubscribe).RequireAuthorization(Policies.Seeker);
        return api;
    }

    private static async Task<IResult> PublicKey(IGrainFactory grains) =>
        Results.Ok(new PushKeyResponse(await grains.GetGrain<IPushKeysGrain>(0).PublicKey()));

    private static async Task<IResult> Subscribed(ClaimsPrincipal user, IGrainFactory grains) =>
        Results.Ok(new PushStatus(await grains.GetGrain<IPushSubscriptionGrain>(SeekerId(user)).Subscribed()));

    private static async Task<IResult> Subscribe(
        PushSubscriptionRequest? request, ClaimsPrincipal user, IGrainFactory grains, IOptions<WebPushOptions> options)
    {
        var subscription = Validated(request, options.Value.AllowLoopbackEndpoints);
        var seekerId = SeekerId(user);
        if (!await grains.GetGrain<IHelpSeekerGrain>(seekerId).Exists())
        {
            throw HelplineException.NotFound("This session");
        }

        await grains.GetGrain<IPushSubscriptionGrain>(seekerId).Subscribe(subscription);
        return Results.NoContent();
    }

    private static async Task<IResult> Unsubscribe(ClaimsPrincipal user, IGrainFactory grains)
    {
        await grains.GetGrain<IPushSubscriptionGrain>(SeekerId(user)).Unsubscribe();
        return Results.NoContent();
    }

    /// <summary>What a browser's PushSubscription.toJSON() gives, checked so the silos only ever post to a push service.</summary>
    public static PushSubscription Validated(PushSubscriptionRequest? request, bool allowLoopback)
    {
        if (request is null)
        {
            throw HelplineException.Invalid("A push subscription needs a JSON body: { endpoint, keys: { p256dh, auth } }.");
        }

        if (PushEndpoints.Problem(request.Endpoint, allowLoopback) is { } problem)
        {
            throw HelplineException.Invalid(problem);
        }

        if (!PushKeys.IsPublicKey(request.Keys?.P256dh))
        {
            throw HelplineException.Invalid("keys.p256dh is base64url of an uncompressed P-256 point (65 bytes).");
        }

        if (PushKeys.Decode(request.Keys!.Auth, PushKeys.AuthSecretLength) is null)
        {
            throw HelplineException.Invalid($"keys.auth is base64url of {PushKeys.AuthSecretLength} bytes.");
        }

        return new PushSubscription(request.Endpoint!, request.Keys.P256dh!.TrimEnd('='), request.Keys.Auth!.TrimEnd('='));
    }

    private static string SeekerId(ClaimsPrincipal user) => user.FindFirstValue("sub")!;
}

public sealed record PushSubscriptionRequest(string? Endpoint, PushSubscriptionKeys? Keys);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

public sealed record PushKeyResponse(string PublicKey);

public sealed record PushStatus(bool Subscribed);
