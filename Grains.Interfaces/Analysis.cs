namespace StoriBoard;

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
[GenerateSerializer, Alias("StoriBoard.MessageAnalysis")]
public sealed record MessageAnalysis(
    [property: Id(0)] ThemeScore[] Themes,
    [property: Id(1)] RiskAssessment Risk,
    [property: Id(2)] bool RedFlag,
    [property: Id(3)] string[] Signals)
{
    public static MessageAnalysis Unclassified { get; } = new(
        [], new RiskAssessment(RiskLevel.None, 0, []), false, []);
}
