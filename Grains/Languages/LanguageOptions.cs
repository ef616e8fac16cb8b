namespace StoriBoard.Languages;

/// <summary>
/// Which languages the helpline answers in and how sure the reading of a message must be before the conversation
/// follows it. Each served language needs a complete content library (English in content/, any other in content/{code}/);
/// the libraries are checked in full as the host starts.
/// </summary>
public sealed class LanguageOptions : ISettings
{
    public const string Section = "StoriBoard:Languages";

    /// <summary>The language a conversation falls back to, and the one other languages are told the service is in.</summary>
    public string Default { get; set; } = "en";

    /// <summary>Comma-separated ISO 639-1 codes, e.g. "en,fr".</summary>
    public string Served { get; set; } = "en,fr";

    /// <summary>
    /// The probability the detector must give a language before a message moves the conversation to it (or gets the
    /// short answer of a language not served). Below it, "ok" or a line of mixed words keeps the conversation's language.
    /// </summary>
    public double Confidence { get; set; } = 0.95;

    /// <summary>
    /// A lower bar for French when its small words (je, pas, les, ...) agree with the detector: French writers are read
    /// at once, while English lines the detector half-reads as French ("dont want to exist anymore") stay English.
    /// </summary>
    public double ConfirmedConfidence { get; set; } = 0.75;

    /// <summary>Messages with fewer letters than this keep the conversation's language whatever the detector says.</summary>
    public int MinLetters { get; set; } = 10;

    /// <summary>
    /// The detector's high-accuracy mode (n-grams of one to five letters) instead of trigrams alone: a little better on
    /// very short lines, at several times the memory and loading time (README, languages).
    /// </summary>
    public bool HighAccuracy { get; set; }

    /// <summary>Where the content libraries live (content/ beside the binaries unless set).</summary>
    public string? ContentDirectory { get; set; }

    /// <summary><see cref="Default"/> as the code it is compared by.</summary>
    public string DefaultCode => Default.Trim().ToLowerInvariant();

    public IReadOnlyList<string> ServedCodes =>
        Served.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToLowerInvariant()).Distinct().ToArray();

    public string ContentRoot => ContentDirectory ?? Responding.ContentLibrary.DefaultDirectory;

    /// <summary>English is the library at the root of content/; every other served language has a folder of its own.</summary>
    public string LibraryDirectory(string code) =>
        code == Languages.English ? ContentRoot : Path.Combine(ContentRoot, code);

    public IEnumerable<string> Problems()
    {
        var codes = ServedCodes;
        if (codes.Count == 0)
        {
            yield return $"{Settings.Name(Section, nameof(Served))} names no language; set it to codes such as \"en,fr\".";
            yield break;
        }

        foreach (var code in codes)
        {
            if (!Languages.IsDetectable(code))
            {
                yield return $"{Settings.Name(Section, nameof(Served))}: '{code}' is not an ISO 639-1 language code the detector knows.";
            }
            else if (!File.Exists(Path.Combine(LibraryDirectory(code), "phrases.json")))
            {
                yield return $"{Settings.Name(Section, nameof(Served))}: '{code}' has no content library (expected {LibraryDirectory(code)}).";
            }
        }

        if (!codes.Contains(DefaultCode))
        {
            yield return $"{Settings.Name(Section, nameof(Default))} '{Default}' is not one of the served languages ({string.Join(",", codes)}).";
        }

        if (Confidence is <= 0.5 or > 1)
        {
            yield return $"{Settings.Name(Section, nameof(Confidence))} must be above 0.5 and at most 1, so that one language outweighs all others.";
        }

        if (ConfirmedConfidence is <= 0.5 or > 1 || ConfirmedConfidence > Confidence)
        {
            yield return $"{Settings.Name(Section, nameof(ConfirmedConfidence))} must be above 0.5 and at most {Settings.Name(Section, nameof(Confidence))}.";
        }

        if (MinLetters is < 1 or > 200)
        {
            yield return $"{Settings.Name(Section, nameof(MinLetters))} must be between 1 and 200.";
        }
    }
}
