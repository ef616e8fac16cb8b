namespace StoriBoard.Gateway;

/// <summary>The gateway's own settings, bound from the "StoriBoard" configuration section.</summary>
public sealed class GatewayOptions
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
}
