namespace StoriBoard.Continuity;

/// <summary>
/// Web Push for check-ins, bound from the "StoriBoard:WebPush" section. The key pair (VAPID) identifies the helpline to
/// the browsers' push services; unset, a development pair is generated once for the whole cluster (see PushKeysGrain).
/// </summary>
public sealed class WebPushOptions : ISettings
{
    public const string Section = "StoriBoard:WebPush";

    /// <summary>Sent when no <see cref="Subject"/> is set, with a generated development key pair only.</summary>
    public const string DevelopmentSubject = "mailto:webpush@localhost";

    /// <summary>Base64url of the uncompressed P-256 public key (65 bytes), as browsers take it.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Base64url of the P-256 private key (32 bytes). A secret: keep it with the other keys, never in Redis.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>How a push service can reach the helpline's operators: a "mailto:" or "https:" address (RFC 8292).</summary>
    public string? Subject { get; set; }

    /// <summary>How long a push service keeps a notice for a device that is off.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Tries of one notice, the first included, when the push service fails or does not answer.</summary>
    public int Attempts { get; set; } = 4;

    /// <summary>The wait before the second try; it doubles before each later one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait for a push service's answer.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For tests and development only: accept subscriptions whose endpoint is http on loopback (127.0.0.1, ::1,
    /// localhost), and send to them. Otherwise an endpoint is https on a public address.
    /// </summary>
    public bool AllowLoopbackEndpoints { get; set; }

    public bool KeysConfigured => !string.IsNullOrWhiteSpace(PublicKey) || !string.IsNullOrWhiteSpace(PrivateKey);

    public string EffectiveSubject => string.IsNullOrWhiteSpace(Subject) ? DevelopmentSubject : Subject.Trim();

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (KeysConfigured)
        {
            if (PushKeys.Problem(PublicKey, PrivateKey) is { } problem)
            {
                yield return $"{Name(nameof(PublicKey))} and {Name(nameof(PrivateKey))}: {problem}";
            }

            if (string.IsNullOrWhiteSpace(Subject))
            {
                yield return $"{Name(nameof(Subject))} is required with a configured key pair: a mailto: or https: address of the operators.";
            }
        }

        if (!string.IsNullOrWhiteSpace(Subject)
            && !Subject.Trim().StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            && !(Uri.TryCreate(Subject.Trim(), UriKind.Absolute, out var subject) && subject.Scheme == Uri.UriSchemeHttps))
        {
            yield return $"{Name(nameof(Subject))} must be a mailto: or https: address.";
        }

        if (TimeToLive < TimeSpan.Zero || TimeToLive > TimeSpan.FromDays(28))
        {
            yield return $"{Name(nameof(TimeToLive))} must be between zero and 28 days.";
        }

        if (Attempts is < 1 or > 10)
        {
            yield return $"{Name(nameof(Attempts))} must be from 1 to 10.";
        }

        if (RetryDelay <= TimeSpan.Zero || SendTimeout <= TimeSpan.Zero)
        {
            yield return $"{Name(nameof(RetryDelay))} and {Name(nameof(SendTimeout))} must be longer than zero.";
        }
    }
}
