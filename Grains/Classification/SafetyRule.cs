using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>
/// One explicit statement the safety lexicon looks for. It fires when <see cref="Pattern"/> matches
/// the normalised message, every pattern of <see cref="AlsoInSentence"/> matches the same sentence,
/// and the match is not negated ("I'm not going to…") in its own clause.
/// </summary>
/// <param name="Name">The signal recorded in <see cref="MessageAnalysis.Signals"/> when the rule fires.</param>
/// <param name="Level">The floor the rule puts under the model's risk.</param>
/// <param name="Pattern">Regular expression over the normalised, lower-case text.</param>
/// <param name="AlsoInSentence">Further expressions that must all match in the same sentence (e.g. a time cue beside a method).</param>
/// <param name="PastLevel">The floor instead when the sentence speaks of the past ("two years ago", "used to"); null when the past changes nothing.</param>
/// <param name="Cue">
/// Whether the risk model also reads the rule as a feature (<see cref="RiskCues"/>). A rule added after the models were
/// trained is a floor only until the cues are next revised: as a feature it would reshape the model's borderline
/// decisions, and its floor alone already keeps it from being missed.
/// </param>
public sealed record SafetyRule(
    string Name,
    RiskLevel Level,
    string Pattern,
    string[]? AlsoInSentence = null,
    RiskLevel? PastLevel = null,
    bool Cue = true)
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    internal Regex Regex { get; } = new(Pattern, Options);

    internal Regex[] Also { get; } = (AlsoInSentence ?? []).Select(p => new Regex(p, Options)).ToArray();

    internal string PastName => Name + "_past";
}
