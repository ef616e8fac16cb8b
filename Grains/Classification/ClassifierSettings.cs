using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StoriBoard.Classification;

/// <summary>
/// The decision settings saved beside the model: which theme each output slot is, each theme's
/// threshold and the red-flag threshold, all chosen on cross-validation of the training data.
/// </summary>
public sealed record ClassifierSettings
{
    public const string ModelFileName = "classifier.zip";
    public const string SettingsFileName = "classifier.json";

    /// <summary>The theme of each slot of the theme probabilities of <see cref="LinearHeads"/>.</summary>
    public required string[] Themes { get; init; }

    /// <summary>Per theme: the probability at or above which the theme is reported.</summary>
    public required double[] ThemeThresholds { get; init; }

    /// <summary>When the red-flag signal (the red-flag head's probability, or P(high) + P(imminent) without one) reaches this, the level is at least high, whatever the arg-max says.</summary>
    public required double RedFlagThreshold { get; init; }

    /// <summary>The featurisations and trainers that won cross-validation, for the record.</summary>
    public required string RiskModel { get; init; }
    public required string ThemeModel { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads and checks the settings; a file that does not fit the taxonomy is refused.</summary>
    public static ClassifierSettings Parse(string json)
    {
        var settings = JsonSerializer.Deserialize<ClassifierSettings>(json, Json)
            ?? throw new InvalidDataException("The classifier settings are empty.");
        if (settings.Themes.Length != settings.ThemeThresholds.Length)
        {
            throw new InvalidDataException("The classifier settings give a different number of themes and thresholds.");
        }

        var unknown = settings.Themes.Where(t => !StoriBoard.Themes.IsKnown(t)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"The classifier settings name themes outside the taxonomy: {string.Join(", ", unknown)}.");
        }

        if (settings.RedFlagThreshold is <= 0 or > 1)
        {
            throw new InvalidDataException("The classifier settings' red-flag threshold must be in (0, 1].");
        }

        return settings;
    }
}
