namespace StoriBoard.Gateway.Api;

/// <summary>Turns request bodies into grain commands, refusing anything malformed with a clear message.</summary>
public static class RequestValidation
{
    public const int MaxDisplayNameLength = 60;
    public const int MaxChatsPerSupporter = 10;

    public static SessionPreferences Preferences(SessionRequest? request)
    {
        var language = (request?.Language ?? "en").Trim().ToLowerInvariant();
        var region = (request?.Region ?? "GB").Trim().ToUpperInvariant();
        if (!IsLanguage(language))
        {
            throw HelplineException.Invalid("language is a two- or three-letter code such as \"en\".");
        }

        if (region.Length != 2 || !region.All(char.IsAsciiLetter))
        {
            throw HelplineException.Invalid("region is a two-letter country code such as \"GB\".");
        }

        return new SessionPreferences(language, region);
    }

    public static SupporterProfile Profile(SupporterRequest? request)
    {
        if (request is null)
        {
            throw HelplineException.Invalid("A supporter needs a JSON body.");
        }

        var name = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxDisplayNameLength)
        {
            throw HelplineException.Invalid($"displayName is 1 to {MaxDisplayNameLength} characters.");
        }

        var lived = request.LivedExperience ?? [];
        if (lived.FirstOrDefault(t => !Themes.IsKnown(t)) is { } unknown)
        {
            throw HelplineException.Invalid($"livedExperience has an unknown theme \"{Truncate(unknown)}\"; themes are {string.Join(", ", Themes.All)}.");
        }

        var languages = (request.Languages ?? []).Select(l => l?.Trim().ToLowerInvariant() ?? string.Empty).ToArray();
        if (languages.Length == 0 || languages.Length > 10 || !languages.All(IsLanguage))
        {
            throw HelplineException.Invalid("languages is a list of one to ten language codes such as [\"en\"].");
        }

        if (request.MaxConcurrentChats is not (>= 1 and <= MaxChatsPerSupporter))
        {
            throw HelplineException.Invalid($"maxConcurrentChats is a whole number from 1 to {MaxChatsPerSupporter}.");
        }

        var role = request.Role switch
        {
            null or "supporter" => Role.Supporter,
            "supervisor" => Role.Supervisor,
            _ => throw HelplineException.Invalid("role is \"supporter\" or \"supervisor\"."),
        };

        return new SupporterProfile(
            name, lived.Distinct().ToArray(), languages.Distinct().ToArray(), request.CrisisTrained ?? false,
            request.MaxConcurrentChats.Value, role);
    }

    public static string Text(ClassifyRequest? request, int maxLength)
    {
        var text = request?.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw HelplineException.Invalid("text is required.");
        }

        return text.Length <= maxLength
            ? text
            : throw new HelplineException(ErrorCodes.TooLarge, $"text is at most {maxLength} characters.");
    }

    private static bool IsLanguage(string code) => code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower);

    // Echo a little of a bad value to help the caller, never a whole field.
    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
