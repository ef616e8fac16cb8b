namespace StoriBoard.Staff;

[Alias("StoriBoard.Staff.StaffStatus")]
public enum StaffStatus
{
    /// <summary>Invited; no password yet, so no way in.</summary>
    Invited,
    Active,
    Deactivated,
}

/// <summary>One signed-in device of a person: its refresh token rotates on each use.</summary>
[GenerateSerializer, Alias("StoriBoard.Staff.StaffSessionView")]
public sealed record StaffSessionView(
    [property: Id(0)] string SessionId,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset LastUsedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt);

/// <summary>A staff account as admins see it. Never carries a password, a hash or a token.</summary>
[GenerateSerializer, Alias("StoriBoard.Staff.StaffAccountView")]
public sealed record StaffAccountView(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Email,
    [property: Id(2)] SupporterProfile Profile,
    [property: Id(3)] StaffStatus Status,
    [property: Id(4)] DateTimeOffset InvitedAt,
    [property: Id(5)] StaffSessionView[] Sessions);

/// <summary>What an admin hands to the invited person: the token is shown once and kept only as a hash.</summary>
[GenerateSerializer, Alias("StoriBoard.Staff.StaffInvitation")]
public sealed record StaffInvitation(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string InviteToken,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>A session opened or refreshed: the new refresh token (the old one no longer works) and who it is for.</summary>
[GenerateSerializer, Alias("StoriBoard.Staff.StaffSessionOpened")]
public sealed record StaffSessionOpened(
    [property: Id(0)] StaffAccountView Account,
    [property: Id(1)] string SessionId,
    [property: Id(2)] string RefreshToken,
    [property: Id(3)] DateTimeOffset RefreshExpiresAt);

/// <summary>
/// One person on the staff (supporter, supervisor or admin), keyed by an account id that is also their supporter id.
/// Holds the hashes of their invite, password and refresh tokens, never the secrets.
/// </summary>
[Alias("StoriBoard.Staff.IStaffAccountGrain")]
public interface IStaffAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account as invited; conflict when the id is taken.</summary>
    [Alias("Invite")]
    Task<StaffInvitation> Invite(string email, SupporterProfile profile);

    /// <summary>A new invite link for a person who has not accepted yet (the old link stops working).</summary>
    [Alias("Reinvite")]
    Task<StaffInvitation> Reinvite();

    /// <summary>Sets the first password with the invite's secret: once, before it expires.</summary>
    [Alias("Accept")]
    Task<StaffAccountView> Accept(string inviteSecret, string password);

    /// <summary>Checks the password and opens a session; unauthorized when wrong, rate_limited while locked.</summary>
    [Alias("SignIn")]
    Task<StaffSessionOpened> SignIn(string password);

    /// <summary>Opens a session for a person already proven by single sign-on.</summary>
    [Alias("OpenSession")]
    Task<StaffSessionOpened> OpenSession();

    /// <summary>Rotates a session's refresh token; a token used before ends the session (it was copied).</summary>
    [Alias("Refresh")]
    Task<StaffSessionOpened> Refresh(string sessionId, string secret);

    /// <summary>Ends one session; false when it was not open.</summary>
    [Alias("EndSession")]
    Task<bool> EndSession(string sessionId);

    [Alias("Edit")]
    Task<StaffAccountView> Edit(SupporterProfile profile);

    /// <summary>Deactivating ends every session; the gateway then revokes the access tokens and closes connections.</summary>
    [Alias("SetActive")]
    Task<StaffAccountView> SetActive(bool active);

    [Alias("View")]
    Task<StaffAccountView> View();
}

/// <summary>The staff list: which account each e-mail address belongs to, every account id, and who the admins are.</summary>
[Alias("StoriBoard.Staff.IStaffDirectoryGrain")]
public interface IStaffDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Reserves an address for an account; conflict when another account holds it.</summary>
    [Alias("Claim")]
    Task Claim(string email, string accountId, Role role);

    /// <summary>The account an address belongs to, or null.</summary>
    [Alias("Find")]
    Task<string?> Find(string email);

    [Alias("Accounts")]
    Task<string[]> Accounts();

    [Alias("RoleChanged")]
    Task RoleChanged(string accountId, Role role);

    [Alias("Admins")]
    Task<string[]> Admins();
}
