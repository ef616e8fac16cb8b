using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoriBoard.Gateway.Audit;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
using StoriBoard.Staff;

namespace StoriBoard.Gateway.Api;

/// <summary>
/// Staff accounts: invites, sign-in with a password, sessions that refresh, and what admins do with people (list,
/// edit, deactivate, reactivate, revoke a session). Every one of these is written to the audit log. The shared admin
/// key only creates the first admin; from then on admins sign in like everyone else.
/// </summary>
public static class StaffEndpoints
{
    /// <summary>Who did it when the shared admin key did it.</summary>
    public const string AdminKeyActor = "admin-key";

    public static IServiceCollection AddStoriBoardStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StaffOptions>(configuration, StaffOptions.Section);
        services.AddSingleton<AuditLog>();
        services.AddStoriBoardSingleSignOn(configuration);
        return services;
    }

    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder api)
    {
        api.MapPost("/staff/first-admin", FirstAdmin);
        api.MapPost("/staff/invites", Invite).RequireAuthorization(Policies.Admin);
        api.MapPost("/staff/invites/accept", Accept).RequireRateLimiting(EdgeLimits.StaffSignInPolicy);
        api.MapPost("/staff/sign-in", SignIn).RequireRateLimiting(EdgeLimits.StaffSignInPolicy);
        api.MapPost("/staff/refresh", Refresh).RequireRateLimiting(EdgeLimits.StaffSignInPolicy);
        api.MapPost("/staff/sign-out", SignOut).RequireRateLimiting(EdgeLimits.StaffSignInPolicy);
        api.MapGet("/supporters", List).RequireAuthorization(Policies.Admin);
        api.MapGet("/staff/{accountId}", Show).RequireAuthorization(Policies.Admin);
        api.MapPatch("/staff/{accountId}", Edit).RequireAuthorization(Policies.Admin);
        api.MapPost("/staff/{accountId}/invite", Reinvite).RequireAuthorization(Policies.Admin);
        api.MapPost("/staff/{accountId}/deactivate", Deactivate).RequireAuthorization(Policies.Admin);
        api.MapPost("/staff/{accountId}/reactivate", Reactivate).RequireAuthorization(Policies.Admin);
        api.MapDelete("/staff/{accountId}/sessions/{sessionId}", RevokeSession).RequireAuthorization();
        api.MapAudit();
        api.MapWrapUps();
        api.MapSingleSignOn();
        return api;
    }

    /// <summary>With the shared admin key, an invite for the first admin; refused once an admin has accepted one.</summary>
    private static async Task<IResult> FirstAdmin(
        FirstAdminRequest? request, HttpContext http, AdminKey adminKey, IGrainFactory grains, AuditLog audit)
    {
        adminKey.Require(http.Request);

        var email = StaffValidation.Email(request?.Email);
        var name = RequestValidation.DisplayName(request?.DisplayName);
        foreach (var adminId in await Directory(grains).Admins())
        {
            if ((await Account(grains, adminId).View()).Status != StaffStatus.Invited)
            {
                throw HelplineException.Conflict("The helpline already has an admin; admins invite everyone else.");
            }
        }

        var profile = new SupporterProfile(name, [], ["en"], false, 1, Role.Admin);
        return await CreateInvite(grains, audit, http, AdminKeyActor, email, profile);
    }

    private static async Task<IResult> Invite(StaffInviteRequest? request, HttpContext http, IGrainFactory grains, AuditLog audit)
    {
        if (request is null)
        {
            throw HelplineException.Invalid("An invite needs a JSON body.");
        }

        var email = StaffValidation.Email(request.Email);
        var profile = StaffValidation.Profile(request);
        return await CreateInvite(grains, audit, http, Actor(http.User), email, profile);
    }

    private static async Task<IResult> CreateInvite(
        IGrainFactory grains, AuditLog audit, HttpContext http, string actor, string email, SupporterProfile profile)
    {
        var invitation = await Account(grains, StaffSecrets.NewId()).Invite(email, profile);
        await audit.Record(actor, AuditActions.Invited, invitation.AccountId, Roles.ClaimValue(profile.Role), ClientAddress.Of(http));
        return Results.Created((string?)null, Created(invitation));
    }

    private static async Task<IResult> Reinvite(string accountId, HttpContext http, IGrainFactory grains, AuditLog audit)
    {
        var invitation = await Account(grains, StaffValidation.AccountId(accountId)).Reinvite();
        await audit.Record(Actor(http.User), AuditActions.Invited, invitation.AccountId, "again", ClientAddress.Of(http));
        return Results.Ok(Created(invitation));
    }

    /// <summary>The link is a fragment of the admin page: a fragment never reaches a server, a proxy or a log.</summary>
    private static StaffInviteCreated Created(StaffInvitation invitation) => new(
        invitation.AccountId, invitation.InviteToken, $"/admin#invite={invitation.InviteToken}", invitation.ExpiresAt);

    private static async Task<IResult> Accept(AcceptInviteRequest? request, HttpContext http, IGrainFactory grains, AuditLog audit)
    {
        var (accountId, secret) = StaffValidation.InviteToken(request?.InviteToken);
        var account = await Account(grains, accountId).Accept(secret, request?.Password ?? "");
        await audit.Record(accountId, AuditActions.InviteAccepted, accountId, null, ClientAddress.Of(http));
        return Results.Ok(Member(account, null));
    }

    /// <summary>
    /// An unknown address gets the same answer as a wrong password, after the same slow hash. Failures are audited with
    /// the account they were against (or none), never with what was typed.
    /// </summary>
    private static async Task<IResult> SignIn(
        StaffSignInRequest? request, HttpContext http, IGrainFactory grains, AuditLog audit, TokenIssuer tokens,
        IOptions<StaffOptions> options, TimeProvider time)
    {
        var email = StaffValidation.Email(request?.Email);
        var password = request?.Password ?? "";
        var address = ClientAddress.Of(http);
        var accountId = await Directory(grains).Find(email);
        if (accountId is null)
        {
            StaffSecrets.PasswordMatches(null, password);
            await audit.Record("unknown", AuditActions.SignInFailed, null, "unknown address", address);
            throw new HelplineException(ErrorCodes.Unauthorized, "That e-mail address and password do not match an active account.");
        }

        StaffSessionOpened opened;
        try
        {
            opened = await Account(grains, accountId).SignIn(password);
        }
        catch (HelplineException refused) when (refused.Code is ErrorCodes.Unauthorized or ErrorCodes.RateLimited)
        {
            var detail = refused.Code == ErrorCodes.RateLimited ? "locked" : "wrong password or inactive";
            await audit.Record(accountId, AuditActions.SignInFailed, accountId, detail, address);
            throw;
        }

        await audit.Record(accountId, AuditActions.SignedIn, accountId, opened.SessionId, address);
        return Results.Ok(Session(opened, tokens, options.Value, time));
    }

    private static async Task<IResult> Refresh(
        RefreshRequest? request, IGrainFactory grains, TokenIssuer tokens, IOptions<StaffOptions> options, TimeProvider time)
    {
        var (accountId, sessionId, secret) = StaffValidation.RefreshToken(request?.RefreshToken);
        var opened = await Account(grains, accountId).Refresh(sessionId, secret);
        return Results.Ok(Session(opened, tokens, options.Value, time));
    }

    /// <summary>Ends this device's session; its access token lapses on its own within minutes.</summary>
    private static async Task<IResult> SignOut(RefreshRequest? request, HttpContext http, IGrainFactory grains, AuditLog audit)
    {
        var (accountId, sessionId, secret) = StaffValidation.RefreshToken(request?.RefreshToken);
        var account = Account(grains, accountId);

        // Proven by the refresh token itself: rotating it once more shows it is current, then the session ends.
        await account.Refresh(sessionId, secret);
        await account.EndSession(sessionId);
        await audit.Record(accountId, AuditActions.SignedOut, accountId, sessionId, ClientAddress.Of(http));
        return Results.NoContent();
    }

    private static StaffSession Session(StaffSessionOpened opened, TokenIssuer tokens, StaffOptions options, TimeProvider time)
    {
        var account = opened.Account;
        var lifetime = options.AccessTokenLifetime;
        return new StaffSession(
            account.AccountId,
            account.Profile.Role,
            account.Profile.DisplayName,
            tokens.Issue(account.AccountId, account.Profile.Role, lifetime),
            time.GetUtcNow() + lifetime,
            opened.SessionId,
            opened.RefreshToken,
            opened.RefreshExpiresAt);
    }

    /// <summary>Everyone on the staff, searched by name or address, theme, language, role or status.</summary>
    private static async Task<IResult> List(
        IGrainFactory grains, string? q, string? theme, string? language, string? role, string? status)
    {
        var query = StaffValidation.Search(q, theme, language, role, status);
        var ids = await Directory(grains).Accounts();
        var members = await Task.WhenAll(ids.Select(id => Load(grains, id)));
        return Results.Ok(members
            .Where(query.Matches)
            .OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToArray());
    }

    private static async Task<IResult> Show(string accountId, IGrainFactory grains) =>
        Results.Ok(await Load(grains, StaffValidation.AccountId(accountId)));

    private static async Task<IResult> Edit(
        string accountId, StaffEditRequest? request, HttpContext http, IGrainFactory grains, AuditLog audit,
        TokenRevocations revocations)
    {
        var id = StaffValidation.AccountId(accountId);
        var account = Account(grains, id);
        var before = (await account.View()).Profile;
        var (profile, changed) = StaffValidation.Edit(before, request);
        if (id == Actor(http.User) && profile.Role != before.Role)
        {
            // So that the helpline is never left without an admin by a slip of the last one.
            throw HelplineException.Conflict("You cannot change your own role; ask another admin.");
        }

        var after = await account.Edit(profile);
        if (before.Role != profile.Role)
        {
            // The new role is in the next token: close the connections now so they come back with it.
            await revocations.Revoke(id);
        }

        await audit.Record(Actor(http.User), AuditActions.Edited, id, string.Join(",", changed), ClientAddress.Of(http));
        return Results.Ok(await Load(grains, after));
    }

    private static Task<IResult> Deactivate(
        string accountId, HttpContext http, IGrainFactory grains, AuditLog audit, TokenRevocations revocations) =>
        SetActive(accountId, false, http, grains, audit, revocations);

    private static Task<IResult> Reactivate(
        string accountId, HttpContext http, IGrainFactory grains, AuditLog audit, TokenRevocations revocations) =>
        SetActive(accountId, true, http, grains, audit, revocations);

    /// <summary>
    /// Deactivating ends every session in the account (no refresh works), then revokes the person's tokens: every
    /// gateway closes their connections at once and refuses the tokens from then on.
    /// </summary>
    private static async Task<IResult> SetActive(
        string accountId, bool active, HttpContext http, IGrainFactory grains, AuditLog audit, TokenRevocations revocations)
    {
        var id = StaffValidation.AccountId(accountId);
        if (!active && id == Actor(http.User))
        {
            throw HelplineException.Conflict("You cannot deactivate yourself; ask another admin.");
        }

        var account = await Account(grains, id).SetActive(active);
        if (!active)
        {
            await revocations.Revoke(id);
        }

        await audit.Record(Actor(http.User), active ? AuditActions.Reactivated : AuditActions.Deactivated, id, null, ClientAddress.Of(http));
        return Results.Ok(await Load(grains, account));
    }

    /// <summary>An admin ends anyone's session, a person their own. Their open connections close everywhere; their other
    /// sessions refresh and carry on.</summary>
    private static async Task<IResult> RevokeSession(
        string accountId, string sessionId, HttpContext http, IGrainFactory grains, AuditLog audit, TokenRevocations revocations)
    {
        var id = StaffValidation.AccountId(accountId);
        var actor = Actor(http.User);
        if (actor != id && !http.User.IsInRole(Roles.Admin))
        {
            throw HelplineException.Forbidden("Only an admin ends someone else's session.");
        }

        var account = Account(grains, id);
        await account.View();
        if (!await account.EndSession(StaffValidation.SessionId(sessionId)))
        {
            throw HelplineException.NotFound("This session");
        }

        await revocations.Revoke(id);
        await audit.Record(actor, AuditActions.SessionRevoked, id, sessionId, ClientAddress.Of(http));
        return Results.NoContent();
    }

    private static async Task<StaffMember> Load(IGrainFactory grains, string accountId) =>
        await Load(grains, await Account(grains, accountId).View());

    private static async Task<StaffMember> Load(IGrainFactory grains, StaffAccountView account)
    {
        var takesChats = account.Profile.Role is Role.Supporter or Role.Supervisor && account.Status != StaffStatus.Invited;
        var supporter = takesChats ? await grains.GetGrain<ISupporterGrain>(account.AccountId).View() : null;
        return Member(account, supporter);
    }

    private static StaffMember Member(StaffAccountView account, SupporterView? supporter)
    {
        var profile = account.Profile;
        return new StaffMember(
            account.AccountId,
            account.Email,
            profile.DisplayName,
            profile.Role,
            account.Status,
            profile.LivedExperience,
            profile.Languages,
            profile.CrisisTrained,
            profile.MaxConcurrentChats,
            supporter?.Status ?? Presence.Offline,
            supporter?.ActiveChats ?? 0,
            account.InvitedAt,
            account.Sessions);
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue("sub") ?? AdminKeyActor;

    private static IStaffAccountGrain Account(IGrainFactory grains, string accountId) => grains.GetGrain<IStaffAccountGrain>(accountId);

    private static IStaffDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IStaffDirectoryGrain>(0);
}
