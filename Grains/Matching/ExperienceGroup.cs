namespace StoriBoard.Matching;

/// <summary>
/// The free supporters who have lived through exactly the same themes, least loaded and longest idle first. Everyone
/// in a group shares the same part of any person's experience, so a search weighs a group once and then looks only at
/// its first few.
/// </summary>
public sealed class ExperienceGroup(string[] livedExperience)
{
    private int _stamp;

    public string[] LivedExperience { get; } = livedExperience;

    public SortedSet<SupporterEntry> Free { get; } = new(SupporterEntry.FairnessOrder);

    /// <summary>The key of a set of themes, whatever order they were listed in.</summary>
    public static string KeyOf(string[] livedExperience) =>
        string.Join(',', livedExperience.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>True the first time within one decision, so a group reached through several themes is weighed once.</summary>
    public bool Visit(int stamp)
    {
        if (_stamp == stamp)
        {
            return false;
        }

        _stamp = stamp;
        return true;
    }
}
