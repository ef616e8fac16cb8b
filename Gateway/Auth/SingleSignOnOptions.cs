namespace StoriBoard.Gateway.Auth;

/// <summary>
/// OpenID Connect sign-in for staff, bound from "StoriBoard:Staff:SingleSignOn"; off unless an authority is set. A person
/// signed in by the helpline's identity provider is matched by their e-mail address to an account an admin invited.
/// </summary>
public sealed class SingleSignOnOptions : ISettings
{
    public const string Section = "StoriBoard:Staff:SingleSignOn";

    /// <summary>The identity provider's issuer URL (its discovery document is at /.well-known/openid-configuration).</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Unset for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The claim that holds the person's e-mail address.</summary>
    public string EmailClaim { get; set; } = "email";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (!Enabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == Uri.UriSchemeHttps || (authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback)))
        {
            yield return $"{Name(nameof(Authority))} must be an absolute https URL (http only on loopback), such as https://login.example.org/realms/helpline.";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{Name(nameof(ClientId))} is required when {Name(nameof(Authority))} is set.";
        }

        if (string.IsNullOrWhiteSpace(EmailClaim))
        {
            yield return $"{Name(nameof(EmailClaim))} must name a claim, such as email.";
        }
    }
}
