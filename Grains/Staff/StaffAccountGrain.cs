using Microsoft.Extensions.Options;

namespace StoriBoard.Staff;

/// <summary>
/// One person on the staff. Their invite, password and sessions are decided here, one call at a time, so a refresh
/// token used twice at once is noticed and a lock counts every wrong password. Supporters and supervisors also have a
/// supporter grain of the same id, registered when they accept their invite and kept in step with their profile.
/// </summary>
public sealed class StaffAccountGrain(
    [PersistentState("staff-account", Storage.Staff)] IPersistentState<StaffAccountGrain.AccountState> state,
    IOptions<StaffOptions> options,
    TimeProvider time) : Grain, IStaffAccountGrain
{
    private string AccountId => this.GetPrimaryKeyString();

    private AccountState S => state.State;

    private StaffOptions Options => options.Value;

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<StaffInvitation> Invite(string email, SupporterProfile profile)
    {
        if (state.RecordExists)
        {
            throw HelplineException.Conflict("This account already exists.");
        }

        // Claimed first: two invites for one address at once leave one account, not two.
        await Directory.Claim(email, AccountId, profile.Role);
        S.Email = email;
        S.Profile = profile;
        S.Status = StaffStatus.Invited;
        S.InvitedAt = Now;
        return await NewInvite();
    }

    public async Task<StaffInvitation> Reinvite()
    {
        RequireAccount();
        if (S.Status != StaffStatus.Invited)
        {
            throw HelplineException.Conflict("This person has already accepted their invite.");
        }

        return await NewInvite();
    }

    public async Task<StaffAccountView> Accept(string inviteSecret, string password)
    {
        // One answer for every unusable link: it says nothing about which accounts exist.
        var unusable = new HelplineException(
            ErrorCodes.Unauthorized, "This invite link has expired or been used. Ask an admin for a new one.");
        if (!state.RecordExists || S.Status != StaffStatus.Invited || S.InviteExpiresAt <= Now
            || !StaffSecrets.Matches(inviteSecret, S.InviteHash))
        {
            throw unusable;
        }

        var profile = S.Profile!;
        PasswordPolicy.Check(password, S.Email, profile.DisplayName);
        if (profile.Role is Role.Supporter or Role.Supervisor)
        {
            await Supporter.Register(profile);
        }

        S.PasswordHash = StaffSecrets.HashPassword(password);
        S.InviteHash = null;
        S.Status = StaffStatus.Active;
        await state.WriteStateAsync();
        return View(Now);
    }

    public async Task<StaffSessionOpened> SignIn(string password)
    {
        var now = Now;
        if (S.LockedUntil is { } until && until > now)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
            throw new HelplineException(
                ErrorCodes.RateLimited,
                $"Too many wrong passwords for this account. Please wait {minutes} minute{(minutes == 1 ? "" : "s")} or ask an admin.");
        }

        var rightPassword = StaffSecrets.PasswordMatches(state.RecordExists ? S.PasswordHash : null, password);
        if (!rightPassword || S.Status != StaffStatus.Active)
        {
            if (state.RecordExists && S.Status == StaffStatus.Active)
            {
                S.FailedSignIns++;
                if (S.FailedSignIns >= Options.FailuresBeforeLock)
                {
                    S.FailedSignIns = 0;
                    S.LockedUntil = now + Options.LockFor;
                }

                await state.WriteStateAsync();
            }

            throw WrongSignIn;
        }

        S.FailedSignIns = 0;
        S.LockedUntil = null;
        return await Open(now);
    }

    public Task<StaffSessionOpened> OpenSession()
    {
        if (!state.RecordExists || S.Status != StaffStatus.Active)
        {
            throw new HelplineException(ErrorCodes.Unauthorized, "There is no active staff account for this sign-in.");
        }

        return Open(Now);
    }

    public async Task<StaffSessionOpened> Refresh(string sessionId, string secret)
    {
        var now = Now;
        if (!state.RecordExists || S.Status != StaffStatus.Active || !S.Sessions.TryGetValue(sessionId, out var session))
        {
            throw SessionOver;
        }

        if (StaffSecrets.Matches(secret, session.PreviousHash))
        {
            // The token before this one came back: someone holds a copy. Neither copy may go on.
            S.Sessions.Remove(sessionId);
            await state.WriteStateAsync();
            throw SessionOver;
        }

        if (!StaffSecrets.Matches(secret, session.CurrentHash) || Expiry(session) <= now)
        {
            throw SessionOver;
        }

        var next = StaffSecrets.NewSecret();
        session.PreviousHash = session.CurrentHash;
        session.CurrentHash = StaffSecrets.Keep(next);
        session.LastUsedAt = now;
        await state.WriteStateAsync();
        return new StaffSessionOpened(View(now), sessionId, RefreshToken(sessionId, next), Expiry(session));
    }

    public async Task<bool> EndSession(string sessionId)
    {
        if (!S.Sessions.Remove(sessionId))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public async Task<StaffAccountView> Edit(SupporterProfile profile)
    {
        RequireAccount();
        var roleChanged = S.Profile!.Role != profile.Role;
        S.Profile = profile;
        if (S.Status != StaffStatus.Invited && profile.Role is Role.Supporter or Role.Supervisor)
        {
            // An admin who becomes a supporter takes chats for the first time.
            await (await Supporter.Profile() is null ? Supporter.Register(profile) : Supporter.Update(profile));
        }

        await state.WriteStateAsync();
        if (roleChanged)
        {
            await Directory.RoleChanged(AccountId, profile.Role);
        }

        return View(Now);
    }

    public async Task<StaffAccountView> SetActive(bool active)
    {
        RequireAccount();
        if (S.Status == StaffStatus.Invited)
        {
            throw HelplineException.Conflict("This person has not accepted their invite yet; there is nothing to deactivate.");
        }

        S.Status = active ? StaffStatus.Active : StaffStatus.Deactivated;
        if (!active)
        {
            S.Sessions.Clear();
        }

        S.FailedSignIns = 0;
        S.LockedUntil = null;
        await state.WriteStateAsync();
        return View(Now);
    }

    public Task<StaffAccountView> View()
    {
        RequireAccount();
        return Task.FromResult(View(Now));
    }

    private static readonly HelplineException WrongSignIn =
        new(ErrorCodes.Unauthorized, "That e-mail address and password do not match an active account.");

    private static readonly HelplineException SessionOver =
        new(ErrorCodes.Unauthorized, "This session has ended; please sign in again.");

    private IStaffDirectoryGrain Directory => GrainFactory.GetGrain<IStaffDirectoryGrain>(0);

    private ISupporterGrain Supporter => GrainFactory.GetGrain<ISupporterGrain>(AccountId);

    private async Task<StaffInvitation> NewInvite()
    {
        var secret = StaffSecrets.NewSecret();
        S.InviteHash = StaffSecrets.Keep(secret);
        S.InviteExpiresAt = Now + Options.InviteLifetime;
        await state.WriteStateAsync();
        return new StaffInvitation(AccountId, $"{AccountId}.{secret}", S.InviteExpiresAt);
    }

    private async Task<StaffSessionOpened> Open(DateTimeOffset now)
    {
        foreach (var ended in S.Sessions.Where(s => Expiry(s.Value) <= now).Select(s => s.Key).ToArray())
        {
            S.Sessions.Remove(ended);
        }

        while (S.Sessions.Count >= Options.SessionsPerPerson)
        {
            S.Sessions.Remove(S.Sessions.MinBy(s => s.Value.LastUsedAt).Key);
        }

        var sessionId = StaffSecrets.NewId();
        var secret = StaffSecrets.NewSecret();
        var session = new SessionRecord { CurrentHash = StaffSecrets.Keep(secret), StartedAt = now, LastUsedAt = now };
        S.Sessions[sessionId] = session;
        await state.WriteStateAsync();
        return new StaffSessionOpened(View(now), sessionId, RefreshToken(sessionId, secret), Expiry(session));
    }

    /// <summary>The refresh token names its account and session, so the gateway finds the grain without an index.</summary>
    private string RefreshToken(string sessionId, string secret) => $"{AccountId}.{sessionId}.{secret}";

    private DateTimeOffset Expiry(SessionRecord session)
    {
        var idle = session.LastUsedAt + Options.RefreshTokenLifetime;
        var longest = session.StartedAt + Options.SessionLifetime;
        return idle < longest ? idle : longest;
    }

    private void RequireAccount()
    {
        if (!state.RecordExists)
        {
            throw HelplineException.NotFound("This staff account");
        }
    }

    private StaffAccountView View(DateTimeOffset now) => new(
        AccountId,
        S.Email,
        S.Profile!,
        S.Status,
        S.InvitedAt,
        S.Sessions
            .Where(s => Expiry(s.Value) > now)
            .OrderBy(s => s.Value.StartedAt)
            .Select(s => new StaffSessionView(s.Key, s.Value.StartedAt, s.Value.LastUsedAt, Expiry(s.Value)))
            .ToArray());

    [GenerateSerializer, Alias("StoriBoard.Staff.StaffAccountGrain.AccountState")]
    public sealed class AccountState
    {
        [Id(0)] public string Email { get; set; } = "";
        [Id(1)] public SupporterProfile? Profile { get; set; }
        [Id(2)] public StaffStatus Status { get; set; }
        [Id(3)] public DateTimeOffset InvitedAt { get; set; }
        [Id(4)] public byte[]? InviteHash { get; set; }
        [Id(5)] public DateTimeOffset InviteExpiresAt { get; set; }
        [Id(6)] public string? PasswordHash { get; set; }
        [Id(7)] public int FailedSignIns { get; set; }
        [Id(8)] public DateTimeOffset? LockedUntil { get; set; }
        [Id(9)] public Dictionary<string, SessionRecord> Sessions { get; set; } = [];
    }

    [GenerateSerializer, Alias("StoriBoard.Staff.StaffAccountGrain.SessionRecord")]
    public sealed class SessionRecord
    {
        [Id(0)] public byte[] CurrentHash { get; set; } = [];
        [Id(1)] public byte[]? PreviousHash { get; set; }
        [Id(2)] public DateTimeOffset StartedAt { get; set; }
        [Id(3)] public DateTimeOffset LastUsedAt { get; set; }
    }
}
