namespace StoriBoard.Classification;

/// <summary>
/// What the safety lexicon read, as features for the risk model: one per cue rule that fired (its present-tense and its
/// past-tense signal apart; see <see cref="SafetyRule.Cue"/>), one for a known idiom in the message and one for a disclaimer ("not literally"). The
/// lexicon still puts its floor under the model's risk; these only let the model learn from the same reading, so that
/// "this exam is killing me" and "I'm not going to hurt myself" weigh against a red flag instead of for one. One more
/// says the message is a few words only: the words are L2-normalised, so a lone word would otherwise carry the whole
/// weight of a message that says nothing else ("my message", "on the list").
/// </summary>
public static class RiskCues
{
    private static readonly SafetyRule[] CueRules = SafetyRules.Rules.Where(rule => rule.Cue).ToArray();

    private static readonly Dictionary<string, int> Index = Build();

    /// <summary>How many features <see cref="Read"/> writes.</summary>
    public static int Count { get; } = CueRules.Length * 2 + 3;

    /// <summary>At most this many words make a message "a few words".</summary>
    private const int FewWords = 3;

    public static void Read(in LexiconVerdict verdict, string text, Span<float> cues)
    {
        cues.Clear();
        foreach (var signal in verdict.Signals)
        {
            if (Index.TryGetValue(signal, out var at))
            {
                cues[at] = 1;
            }
        }

        cues[Count - 3] = WordCount(text, stopAfter: FewWords + 1) <= FewWords ? 1 : 0;
        cues[Count - 2] = verdict.Idiom ? 1 : 0;
        cues[Count - 1] = verdict.Disclaimed ? 1 : 0;
    }

    private static int WordCount(string text, int stopAfter)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord && ++words == stopAfter)
            {
                break;
            }

            inWord = letter;
        }

        return words;
    }

    private static Dictionary<string, int> Build()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < CueRules.Length; r++)
        {
            index[CueRules[r].Name] = r;
            index[CueRules[r].PastName] = CueRules.Length + r;
        }

        return index;
    }
}
