using System.Text.Json.Serialization;

namespace StoriBoard;

/// <summary>What kind of danger a red flag is: it decides the AI's crisis reply, its direct question and the resources.</summary>
[Alias("StoriBoard.RedFlagKind")]
[JsonConverter(typeof(JsonStringEnumConverter<RedFlagKind>))]
public enum RedFlagKind
{
    [JsonStringEnumMemberName("suicide")]
    Suicide,

    [JsonStringEnumMemberName("self_harm")]
    SelfHarm,

    /// <summary>Domestic abuse, a child being hurt, threats: the person is in danger from someone.</summary>
    [JsonStringEnumMemberName("danger_from_others")]
    DangerFromOthers,

    [JsonStringEnumMemberName("harm_to_others")]
    HarmToOthers,

    /// <summary>An overdose taken, someone unresponsive: an act already under way.</summary>
    [JsonStringEnumMemberName("medical")]
    Medical,

    /// <summary>Someone else is at risk.</summary>
    [JsonStringEnumMemberName("third_party")]
    ThirdParty,
}

public static class RedFlagKindIds
{
    private static readonly Dictionary<RedFlagKind, string> Ids =
        Enum.GetValues<RedFlagKind>().ToDictionary(k => k, k => System.Text.Json.JsonSerializer.Serialize(k).Trim('"'));

    public static IReadOnlyCollection<string> AllIds => Ids.Values;

    /// <summary>The id used on the wire and in the content library ("danger_from_others").</summary>
    public static string Id(this RedFlagKind kind) => Ids[kind];
}

/// <summary>The direct questions the AI asks, as crisis services do, when risk is moderate, unclear or a red flag.</summary>
[Alias("StoriBoard.DirectQuestion")]
[JsonConverter(typeof(JsonStringEnumConverter<DirectQuestion>))]
public enum DirectQuestion
{
    [JsonStringEnumMemberName("thoughts_of_suicide")]
    ThoughtsOfSuicide,

    [JsonStringEnumMemberName("safe_now")]
    SafeNow,

    [JsonStringEnumMemberName("taken_anything")]
    TakenAnything,

    [JsonStringEnumMemberName("someone_with_you")]
    SomeoneWithYou,
}

/// <summary>One change of a conversation's risk, with who or what made it and why. Never holds message text.</summary>
/// <param name="By">"model", "answer", "assessment", or the id of the supporter or supervisor who set it.</param>
[GenerateSerializer, Alias("StoriBoard.RiskChange")]
public sealed record RiskChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] RiskLevel From,
    [property: Id(2)] RiskLevel To,
    [property: Id(3)] string By,
    [property: Id(4)] string Reason,
    [property: Id(5)] RedFlagKind? Kind = null);

/// <summary>How strongly a message touches one theme, 0..1.</summary>
[GenerateSerializer, Alias("StoriBoard.ThemeScore")]
public sealed record ThemeScore([property: Id(0)] string Id, [property: Id(1)] double Score);

/// <summary>The risk read from one message: the level, its probability, and every level's probability (keyed by level id).</summary>
[GenerateSerializer, Alias("StoriBoard.RiskAssessment")]
public sealed record RiskAssessment(
    [property: Id(0)] RiskLevel Level,
    [property: Id(1)] double Score,
    [property: Id(2)] Dictionary<string, double> Scores);

/// <summary>What the classifier read in one help-seeker message.</summary>
/// <param name="Themes">Themes above their thresholds, strongest first.</param>
/// <param name="Risk">The risk level after the safety lexicon has had its say.</param>
/// <param name="RedFlag">True when the risk is high or imminent.</param>
/// <param name="Signals">Names of the safety-lexicon rules that fired (never message text).</param>
/// <param name="Kind">What kind of red flag, when <paramref name="RedFlag"/> is true.</param>
[GenerateSerializer, Alias("StoriBoard.MessageAnalysis")]
public sealed record MessageAnalysis(
    [property: Id(0)] ThemeScore[] Themes,
    [property: Id(1)] RiskAssessment Risk,
    [property: Id(2)] bool RedFlag,
    [property: Id(3)] string[] Signals,
    [property: Id(4), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RedFlagKind? Kind = null)
{
    public static MessageAnalysis Unclassified { get; } = new(
        [], new RiskAssessment(RiskLevel.None, 0, []), false, []);
}
