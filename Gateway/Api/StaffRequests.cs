using StoriBoard.Staff;

namespace StoriBoard.Gateway.Api;

public sealed record StaffInviteRequest(
    string? Email,
    string? DisplayName,
    string[]? LivedExperience,
    string[]? Languages,
    bool? CrisisTrained,
    int? MaxConcurrentChats,
    string? Role);

public sealed record FirstAdminRequest(string? Email, string? DisplayName);

public sealed record StaffInviteCreated(string AccountId, string InviteToken, string InviteUrl, DateTimeOffset ExpiresAt);

public sealed record AcceptInviteRequest(string? InviteToken, string? Password);

public sealed record StaffSignInRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>An admin's edit: only the fields given change.</summary>
public sealed record StaffEditRequest(
    string? DisplayName,
    string[]? LivedExperience,
    string[]? Languages,
    bool? CrisisTrained,
    int? MaxConcurrentChats,
    string? Role);

/// <summary>A signed-in session: a short access token for the API and hubs, and the refresh token that renews it.</summary>
public sealed record StaffSession(
    string AccountId,
    Role Role,
    string DisplayName,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string SessionId,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt);

/// <summary>One person as the admin page lists them, with their presence and load when they take chats.</summary>
public sealed record StaffMember(
    string AccountId,
    string Email,
    string DisplayName,
    Role Role,
    StaffStatus Status,
    string[] LivedExperience,
    string[] Languages,
    bool CrisisTrained,
    int Capacity,
    Presence Presence,
    int ActiveChats,
    DateTimeOffset InvitedAt,
    StaffSessionView[] Sessions);
