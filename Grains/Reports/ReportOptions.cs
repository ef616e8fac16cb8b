namespace StoriBoard.Reports;

/// <summary>How long the night's figures are kept and how much one report may cover: "StoriBoard:Reports".</summary>
public sealed class ReportOptions : ISettings
{
    public const string Section = "StoriBoard:Reports";

    /// <summary>An hour's figures are kept this long after the last event counted in it.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>The most days one report (or CSV) may cover, so one request cannot read years of hours.</summary>
    public int LongestRangeDays { get; set; } = 366;

    public IEnumerable<string> Problems()
    {
        if (Retention < TimeSpan.FromDays(1))
        {
            yield return $"{Settings.Name(Section, nameof(Retention))} must be a day or more.";
        }

        if (LongestRangeDays is < 1 or > 3660)
        {
            yield return $"{Settings.Name(Section, nameof(LongestRangeDays))} must be from 1 to 3660.";
        }
    }
}
