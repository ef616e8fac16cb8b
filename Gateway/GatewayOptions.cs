namespace StoriBoard.Gateway;

/// <summary>The gateway's own settings, bound from the "StoriBoard" configuration section.</summary>
public sealed class GatewayOptions : ISettings
{
    public const string Section = "StoriBoard";

    /// <summary>The key for admin calls (X-Admin-Key). Unset: one is generated and printed once at start.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Base64 key (32 bytes or more) that signs tokens. Required with Redis (every gateway must share it, and
    /// it is never stored in Redis); unset in embedded mode, a random key per process.</summary>
    public string? TokenKey { get; set; }

    public TimeSpan SeekerTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan SupporterTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long a gateway trusts its memory that a token is not revoked, before asking Redis again.</summary>
    public TimeSpan RevocationCheckCache { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Entries the audit log keeps; past it the oldest fall off (roughly: Redis trims whole blocks).</summary>
    public int AuditMaxEntries { get; set; } = 1_000_000;

    /// <summary>An admin key short enough to guess is refused; unset, a strong one is generated.</summary>
    public const int ShortestAdminKey = 12;

    public IEnumerable<string> Problems()
    {
        if (AdminKey is { } key && key.Trim().Length < ShortestAdminKey)
        {
            yield return $"StoriBoard__AdminKey must be at least {ShortestAdminKey} characters (or unset, to have one generated).";
        }

        if (SeekerTokenLifetime <= TimeSpan.Zero || SupporterTokenLifetime <= TimeSpan.Zero)
        {
            yield return "StoriBoard__SeekerTokenLifetime and StoriBoard__SupporterTokenLifetime must be longer than zero.";
        }

        if (AuditMaxEntries < 1000)
        {
            yield return "StoriBoard__AuditMaxEntries must be at least 1000.";
        }

        if (RevocationCheckCache < TimeSpan.Zero || RevocationCheckCache > TimeSpan.FromMinutes(1))
        {
            yield return "StoriBoard__RevocationCheckCache must be between zero and one minute.";
        }
    }
}
