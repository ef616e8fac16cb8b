using StoriBoard.Continuity;

namespace StoriBoard.Gateway.Api;

/// <summary>Turns request bodies into grain commands, refusing anything malformed with a clear message.</summary>
public static class RequestValidation
{
    public const int MaxDisplayNameLength = 60;
    public const int MaxChatsPerSupporter = 10;
    public const int MaxListLength = 50;

    /// <summary>
    /// A name shown to people in distress, in pages and consoles: plain text on one line. Control characters (NUL, ESC,
    /// line breaks), bidirectional overrides and isolates (which can make a name read as something else) and the
    /// Unicode line and paragraph separators are refused, not stripped, so what is stored is what was sent.
    /// </summary>
    public static string DisplayName(string? displayName)
    {
        // Checked before trimming: a trailing line break or NEL is refused, not quietly dropped.
        if (displayName is not null && (displayName.Any(IsRefusedInName) || HasLoneSurrogate(displayName)))
        {
            throw HelplineException.Invalid("displayName is plain text on one line: no control characters, line breaks or direction overrides.");
        }

        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxDisplayNameLength)
        {
            throw HelplineException.Invalid($"displayName is 1 to {MaxDisplayNameLength} characters.");
        }

        return name;
    }

    private static bool IsRefusedInName(char c) =>
        char.IsControl(c) // C0 and C1, NUL, ESC, CR, LF, TAB, DEL
        || c is '\u2028' or '\u2029' // line and paragraph separators
        || c is >= '\u202A' and <= '\u202E' // embeddings and overrides
        || c is >= '\u2066' and <= '\u2069' // isolates
        || c is '\u200E' or '\u200F' or '\u061C' // direction marks
        || c is '\uFEFF' or '\uFFFD'; // a byte-order mark, or a character the sender's encoding lost

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

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

        var name = DisplayName(request.DisplayName);

        var lived = request.LivedExperience ?? [];
        if (lived.Any(t => t is null))
        {
            throw HelplineException.Invalid("livedExperience is a list of themes; null is not one.");
        }

        if (lived.Length > MaxListLength)
        {
            throw HelplineException.Invalid($"livedExperience has at most {MaxListLength} themes.");
        }

        if (lived.FirstOrDefault(t => !Themes.IsKnown(t)) is { } unknown)
        {
            throw HelplineException.Invalid($"livedExperience has an unknown theme \"{Truncate(unknown)}\"; themes are {string.Join(", ", Themes.All)}.");
        }

        if (request.Languages?.Any(l => l is null) == true)
        {
            throw HelplineException.Invalid("languages is a list of language codes; null is not one.");
        }

        var languages = (request.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).ToArray();
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

    /// <summary>
    /// The words of a typed return key, read as <see cref="ReturnKeyPhrase.Split"/> reads them. A refusal names a word by
    /// its place, never by what was typed: a key is as private as a password.
    /// </summary>
    public static string[] ReturnKey(ResumeRequest? request, ReturnKeyWords list)
    {
        var typed = request?.ReturnKey;
        if (string.IsNullOrWhiteSpace(typed))
        {
            throw HelplineException.Invalid("returnKey is required: the words of your return key.");
        }

        if (typed.Length > ReturnKeyPhrase.MaxInputLength)
        {
            throw new HelplineException(ErrorCodes.TooLarge, $"returnKey is at most {ReturnKeyPhrase.MaxInputLength} characters.");
        }

        var words = ReturnKeyPhrase.Split(typed);
        if (words.Length != ReturnKeyPhrase.Words)
        {
            throw HelplineException.Invalid($"A return key is {ReturnKeyPhrase.Words} words; this has {words.Length}.");
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (!list.Contains(words[i]))
            {
                throw HelplineException.Invalid($"Word {i + 1} of the key is not one of the words keys are made of; check its spelling.");
            }
        }

        return words;
    }

    private static bool IsLanguage(string code) => code.Length is 2 or 3 && code.All(char.IsAsciiLetterLower);

    // Echo a little of a bad value to help the caller, never a whole field.
    private static string Truncate(string value) => value.Length <= 20 ? value : value[..20] + "…";
}
