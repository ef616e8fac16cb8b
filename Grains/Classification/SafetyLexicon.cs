using System.Text;
using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>
/// What the safety lexicon read: the floor it puts under the model's risk, the rules that fired, and whether the message
/// held a known idiom or a disclaimer (the last two change no floor; the risk model reads them, see <see cref="RiskCues"/>).
/// </summary>
public readonly record struct LexiconVerdict(RiskLevel Floor, string[] Signals, bool Idiom = false, bool Disclaimed = false)
{
    public static LexiconVerdict Nothing { get; } = new(RiskLevel.None, []);
}

/// <summary>
/// Explicit red-flag statements, found beside the model so that a model error cannot hide them.
/// The lexicon only ever raises risk: its verdict is a floor. Thread-safe and allocation-light.
/// </summary>
public sealed class SafetyLexicon
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private static readonly Regex Quotes = new(@"[\u2018\u2019\u201B\u2032`´]", Options);
    private static readonly Regex Separators = new(@"[\-_/*~]+|\s+", Options);
    private static readonly Regex Shorthand = new(
        @"\b(im|ive|id|dont|cant|wont|wouldnt|didnt|havent|hasnt|isnt|gonna|gunna|wanna|gotta|kms|ctb|unalive|unalived|unaliving|sh|oded|u|ur|rn|tonite|2nite|2night|abt|thinkin|killin|goin|myslef|mysef)\b",
        Options);

    private static readonly Dictionary<string, string> Expansions = new(StringComparer.Ordinal)
    {
        ["im"] = "i'm", ["ive"] = "i've", ["id"] = "i'd", ["dont"] = "don't", ["cant"] = "can't", ["wont"] = "won't",
        ["wouldnt"] = "wouldn't", ["didnt"] = "didn't", ["havent"] = "haven't", ["hasnt"] = "hasn't", ["isnt"] = "isn't",
        ["gonna"] = "going to", ["gunna"] = "going to", ["wanna"] = "want to", ["gotta"] = "got to",
        ["kms"] = "kill myself", ["ctb"] = "kill myself", ["unalive"] = "kill", ["unalived"] = "killed", ["unaliving"] = "killing",
        ["sh"] = "self harm", ["oded"] = "overdosed", ["u"] = "you", ["ur"] = "your", ["rn"] = "right now",
        ["tonite"] = "tonight", ["2nite"] = "tonight", ["2night"] = "tonight", ["abt"] = "about",
        ["thinkin"] = "thinking", ["killin"] = "killing", ["goin"] = "going", ["myslef"] = "myself", ["mysef"] = "myself",
    };

    private static readonly Regex Negation = new(SafetyRules.Negation + @"(?<tail>( \S+){0,4}) ?$", Options | RegexOptions.RightToLeft);
    private static readonly Regex Doubt = new(SafetyRules.Doubt, Options);
    private static readonly Regex Past = new(SafetyRules.Past, Options);
    private static readonly Regex Disclaimer = new(SafetyRules.Disclaimer, Options);

    private readonly SafetyRule[] _rules;
    private readonly Regex[] _idioms;

    public SafetyLexicon(IEnumerable<SafetyRule> rules, IEnumerable<string> idioms)
    {
        _rules = rules.ToArray();
        _idioms = idioms.Select(p => new Regex(p, Options)).ToArray();
    }

    /// <summary>The team's reviewed tables of <see cref="SafetyRules"/>.</summary>
    public static SafetyLexicon Default { get; } = new(SafetyRules.Rules, SafetyRules.Idioms);

    public LexiconVerdict Assess(string text)
    {
        var plain = Normalise(text);
        var normalised = BlankIdioms(plain);
        var idiom = !ReferenceEquals(normalised, plain);
        var disclaimed = Disclaimer.IsMatch(normalised);
        var floor = RiskLevel.None;
        List<string>? signals = null;
        foreach (var rule in _rules)
        {
            if ((disclaimed && rule.Level < RiskLevel.Imminent) || Fires(rule, normalised) is not { } fired)
            {
                continue;
            }

            var (level, name) = fired;
            if (level > floor)
            {
                floor = level;
            }

            signals ??= [];
            if (!signals.Contains(name))
            {
                signals.Add(name);
            }
        }

        return signals is null && !idiom && !disclaimed
            ? LexiconVerdict.Nothing
            : new LexiconVerdict(floor, signals is null ? [] : [.. signals], idiom, disclaimed);
    }

    /// <summary>True when the text holds one of the idioms the lexicon knows not to be risk.</summary>
    public bool HasIdiom(string text)
    {
        var normalised = Normalise(text);
        return _idioms.Any(idiom => idiom.IsMatch(normalised));
    }

    internal static string Normalise(string text)
    {
        var lower = Quotes.Replace(text.ToLowerInvariant(), "'");
        lower = Separators.Replace(lower, " ");
        return Shorthand.Replace(lower, m => Expansions[m.Value]).Trim();
    }

    private string BlankIdioms(string text)
    {
        StringBuilder? blanked = null;
        foreach (var idiom in _idioms)
        {
            for (var m = idiom.Match(text); m.Success; m = m.NextMatch())
            {
                blanked ??= new StringBuilder(text);
                // Commas keep the clause and sentence boundaries around the idiom where they were.
                for (var i = m.Index; i < m.Index + m.Length; i++)
                {
                    blanked[i] = ',';
                }
            }
        }

        return blanked?.ToString() ?? text;
    }

    private static (RiskLevel Level, string Name)? Fires(SafetyRule rule, string text)
    {
        for (var m = rule.Regex.Match(text); m.Success; m = m.NextMatch())
        {
            var sentence = SentenceAround(text, m.Index, m.Index + m.Length);
            if (rule.Also.Any(also => !also.IsMatch(sentence)) || IsNegated(text, m.Index))
            {
                continue;
            }

            return rule.PastLevel is { } pastLevel && Past.IsMatch(sentence)
                ? (pastLevel, rule.PastName)
                : (rule.Level, rule.Name);
        }

        return null;
    }

    private static ReadOnlySpan<char> ClauseBreaks => ".!?;,\n";

    private static string SentenceAround(string text, int start, int end)
    {
        var from = text.AsSpan(0, start).LastIndexOfAny(".!?\n") + 1;
        var to = text.AsSpan(end).IndexOfAny(".!?\n");
        return text[from..(to < 0 ? text.Length : end + to)];
    }

    /// <summary>A negation within the four words before the match, in the same clause, and not itself in doubt.</summary>
    private static bool IsNegated(string text, int start)
    {
        var clauseStart = text.AsSpan(0, start).LastIndexOfAny(ClauseBreaks) + 1;
        var clause = text[clauseStart..start];
        foreach (var conjunction in (ReadOnlySpan<string>)[" but ", " though ", " although ", " except ", " and then "])
        {
            var at = clause.LastIndexOf(conjunction, StringComparison.Ordinal);
            if (at >= 0)
            {
                clause = clause[(at + conjunction.Length)..];
            }
        }

        var negation = Negation.Match(clause);
        return negation.Success && !Doubt.IsMatch(clause.AsSpan(0, negation.Index));
    }
}
