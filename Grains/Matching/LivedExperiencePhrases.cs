namespace StoriBoard.Matching;

/// <summary>How each theme reads as something a supporter has lived through, for the reasons people see with an offer.</summary>
public static class LivedExperiencePhrases
{
    private static readonly Dictionary<string, string> Phrases = new(StringComparer.Ordinal)
    {
        [Themes.Work] = "job loss",
        [Themes.Relationship] = "relationship breakup",
        [Themes.Loneliness] = "loneliness",
        [Themes.Grief] = "bereavement",
        [Themes.Anxiety] = "anxiety",
        [Themes.LowMood] = "depression",
        [Themes.Family] = "family conflict",
        [Themes.Money] = "money worries",
        [Themes.Health] = "illness",
        [Themes.Substances] = "addiction",
        [Themes.Abuse] = "abuse",
        [Themes.School] = "school pressure",
        [Themes.Identity] = "questions of identity",
    };

    public static string For(string theme) => Phrases.GetValueOrDefault(theme, theme);

    /// <summary>"job loss", "relationship breakup and job loss", "grief, anxiety and loneliness".</summary>
    public static string List(IReadOnlyList<string> themes)
    {
        var phrases = themes.Select(For).ToArray();
        return phrases.Length <= 1
            ? string.Concat(phrases)
            : $"{string.Join(", ", phrases[..^1])} and {phrases[^1]}";
    }
}
