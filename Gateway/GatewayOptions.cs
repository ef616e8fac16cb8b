namespace StoriBoard.Gateway;

/// <summary>The gateway's own settings, bound from the "StoriBoard" configuration section.</summary>
public sealed class GatewayOptions
{
    public const string Section = "StoriBoard";

    /// <summary>The key for admin calls (X-Admin-Key). Unset: one is generated and printed once at start.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Base64 key (32 bytes or more) that signs tokens. Unset: shared through Redis, or per process when embedded.</summary>
    public string? TokenKey { get; set; }

    public TimeSpan SeekerTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan SupporterTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
