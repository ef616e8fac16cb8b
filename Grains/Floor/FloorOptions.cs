namespace StoriBoard.Floor;

/// <summary>The supervisors' live floor, bound from the "StoriBoard:Floor" configuration section.</summary>
public sealed class FloorOptions : ISettings
{
    public const string Section = "StoriBoard:Floor";

    /// <summary>A red flag without a crisis-trained supporter for this long sounds the alarm on the floor page.</summary>
    public TimeSpan RedFlagAlarmAfter { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<string> Problems()
    {
        if (RedFlagAlarmAfter < TimeSpan.FromSeconds(1) || RedFlagAlarmAfter > TimeSpan.FromHours(1))
        {
            yield return $"{Settings.Name(Section, nameof(RedFlagAlarmAfter))} must be between one second and an hour.";
        }
    }
}
