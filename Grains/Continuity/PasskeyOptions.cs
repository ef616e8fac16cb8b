namespace StoriBoard.Continuity;

/// <summary>Passkeys as a return key, bound from the "StoriBoard:Passkeys" configuration section.</summary>
public sealed class PasskeyOptions : ISettings
{
    public const string Section = "StoriBoard:Passkeys";

    /// <summary>
    /// The relying party id: the site's domain, which every passkey is bound to. Browsers refuse IP addresses, and allow
    /// plain http only on localhost.
    /// </summary>
    public string RelyingPartyId { get; set; } = "localhost";

    /// <summary>
    /// The name a browser or password manager shows beside a passkey. Neutral on purpose: someone looking over a phone's
    /// saved passkeys should not learn from it that the person used a helpline.
    /// </summary>
    public string RelyingPartyName { get; set; } = "Chats";

    /// <summary>The pages' origins a passkey answer may come from, separated by commas: the relying party id or a subdomain of it.</summary>
    public string Origins { get; set; } = "http://localhost:5080";

    /// <summary>How long a browser has to answer a passkey request before its challenge lapses.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Passkeys one person may keep; each device or password manager they use makes one.</summary>
    public int MaxPerPerson { get; set; } = 10;

    /// <summary>Passkey requests one person may start a minute.</summary>
    public int RequestsPerMinute { get; set; } = 10;

    public IReadOnlyList<string> OriginList =>
        Origins.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (string.IsNullOrWhiteSpace(RelyingPartyId) || Uri.CheckHostName(RelyingPartyId) != UriHostNameType.Dns)
        {
            yield return $"{Name(nameof(RelyingPartyId))} must be a domain name such as example.org (browsers refuse IP addresses).";
        }

        if (string.IsNullOrWhiteSpace(RelyingPartyName))
        {
            yield return $"{Name(nameof(RelyingPartyName))} must not be empty.";
        }

        if (OriginList.Count == 0)
        {
            yield return $"{Name(nameof(Origins))} must name at least one origin, such as https://example.org.";
        }

        foreach (var origin in OriginList)
        {
            if (OriginProblem(origin) is { } problem)
            {
                yield return $"{Name(nameof(Origins))}: \"{origin}\" {problem}";
            }
        }

        if (ChallengeLifetime < TimeSpan.FromSeconds(10) || ChallengeLifetime > TimeSpan.FromMinutes(10))
        {
            yield return $"{Name(nameof(ChallengeLifetime))} must be 10 seconds to 10 minutes.";
        }

        if (MaxPerPerson is < 1 or > 50 || RequestsPerMinute < 1)
        {
            yield return $"{Name(nameof(MaxPerPerson))} must be 1 to 50 and {Name(nameof(RequestsPerMinute))} 1 or more.";
        }
    }

    private string? OriginProblem(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || origin.EndsWith('/'))
        {
            return "is not an origin (scheme, host and port only, no path).";
        }

        var host = uri.Host;
        if (host != RelyingPartyId && !host.EndsWith("." + RelyingPartyId, StringComparison.Ordinal))
        {
            return $"is not on {RelyingPartyId} or one of its subdomains.";
        }

        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && host == "localhost")
            ? null
            : "must use https (plain http is allowed only on localhost).";
    }
}
