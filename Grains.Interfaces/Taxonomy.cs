namespace StoriBoard;

/// <summary>The theme ids of TAXONOMY.md: a contract shared by the API, the classifier, the content library and the matchmaker.</summary>
public static class Themes
{
    public const string Work = "work";
    public const string Relationship = "relationship";
    public const string Loneliness = "loneliness";
    public const string Grief = "grief";
    public const string Anxiety = "anxiety";
    public const string LowMood = "low_mood";
    public const string Family = "family";
    public const string Money = "money";
    public const string Health = "health";
    public const string Substances = "substances";
    public const string Abuse = "abuse";
    public const string School = "school";
    public const string Identity = "identity";

    public static readonly IReadOnlyList<string> All =
    [
        Work, Relationship, Loneliness, Grief, Anxiety, LowMood, Family,
        Money, Health, Substances, Abuse, School, Identity,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    public static bool IsKnown(string? id) => id is not null && Known.Contains(id);
}

/// <summary>Risk to life or safety, ordered: a higher value is always more serious.</summary>
[Alias("StoriBoard.RiskLevel")]
public enum RiskLevel
{
    None = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
    Imminent = 4,
}

public static class RiskLevels
{
    public static readonly IReadOnlyList<RiskLevel> All =
        [RiskLevel.None, RiskLevel.Low, RiskLevel.Moderate, RiskLevel.High, RiskLevel.Imminent];

    /// <summary>High and imminent are red flags: never missed, first in the queue, crisis-trained supporters only.</summary>
    public static bool IsRedFlag(this RiskLevel level) => level >= RiskLevel.High;

    /// <summary>The lower-case id used on the wire and in the corpus.</summary>
    public static string Id(this RiskLevel level) => level switch
    {
        RiskLevel.None => "none",
        RiskLevel.Low => "low",
        RiskLevel.Moderate => "moderate",
        RiskLevel.High => "high",
        RiskLevel.Imminent => "imminent",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static bool TryParse(string? id, out RiskLevel level)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Id(), id, StringComparison.OrdinalIgnoreCase))
            {
                level = candidate;
                return true;
            }
        }

        level = RiskLevel.None;
        return false;
    }
}
