using System.Text.Json.Serialization;

namespace StoriBoard;

/// <summary>
/// What a person's conversations and check-ins show over time, read when a conversation opens, for its hand-off card.
/// Each part is null (or zero) when there is too little to say it honestly.
/// </summary>
/// <param name="ConversationsThisWeek">Conversations started in the last 7 days, this one included.</param>
/// <param name="MoodTrend">Falling, steady or rising across check-ins on different days; null with too few.</param>
/// <param name="MoodTrendSince">When falling or rising: the day's check-in the move started from (the last one before it).</param>
/// <param name="Moods">The check-in moods the trend was read from, one per day (the day's last), oldest first.</param>
/// <param name="EarlierRedFlagAt">When the latest earlier conversation with a red flag started, within the retention.</param>
/// <param name="TimeZone">The person's time zone as their check-ins know it, for naming days; null means UTC.</param>
[GenerateSerializer, Alias("StoriBoard.PersonPattern")]
public sealed record PersonPattern(
    [property: Id(0)] int ConversationsThisWeek,
    [property: Id(1)] Trend? MoodTrend,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? MoodTrendSince,
    [property: Id(3)] MoodReading[] Moods,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EarlierRedFlagAt,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TimeZone);

/// <summary>The moods a person gave at check-ins and the time zone they chose their check-ins in.</summary>
[GenerateSerializer, Alias("StoriBoard.MoodHistory")]
public sealed record MoodHistory(
    [property: Id(0)] MoodReading[] Moods,
    [property: Id(1)] string? TimeZone);
