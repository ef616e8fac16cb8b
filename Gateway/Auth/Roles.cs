namespace StoriBoard.Gateway.Auth;

/// <summary>The role claim values in tokens, and the policies the hubs and endpoints require.</summary>
public static class Roles
{
    public const string Seeker = "seeker";
    public const string Supporter = "supporter";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static string ClaimValue(Role role) => role switch
    {
        Role.Seeker => Seeker,
        Role.Supporter => Supporter,
        Role.Supervisor => Supervisor,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}

public static class Policies
{
    public const string Seeker = "seeker";
    public const string Staff = "staff";
    public const string Admin = "admin";

    /// <summary>Supervisors and admins: what is read about the helpline's chats from outside them (wrap-ups, reports).</summary>
    public const string Oversight = "oversight";
}
