namespace StoriBoard.Classification.Training;

/// <summary>The held-out numbers of one classifier, as the report shows them.</summary>
public sealed record HeldOutEvaluation(
    int Messages,
    int[,] Confusion,
    Prf[] PerLevel,
    double RiskMacroF1,
    Prf RedFlag,
    Prf[] PerTheme,
    Prf ThemeMicro,
    double ThemeMacroF1,
    int IdiomMessages,
    int IdiomFalseAlarms,
    int IdiomRedFlags)
{
    public double IdiomFalseAlarmRate => IdiomMessages == 0 ? 0 : (double)IdiomFalseAlarms / IdiomMessages;

    /// <summary>
    /// Classifies every held-out message. Idiom messages are those labelled none or low that either come
    /// from a hand-written idiom file or hold an idiom the lexicon knows; a false alarm there is any
    /// level of moderate or above.
    /// </summary>
    public static HeldOutEvaluation Run(IMessageClassifier classifier, IReadOnlyList<LabelledMessage> heldOut, ISet<string> idiomFileTexts, SafetyLexicon lexicon)
    {
        var analyses = heldOut.Select(m => classifier.Classify(m.Text)).ToArray();
        var gold = heldOut.Select(m => m.Risk).ToArray();
        var predicted = analyses.Select(a => a.Risk.Level).ToArray();
        var confusion = Scores.Confusion(gold, predicted);
        var perLevel = Scores.PerLevel(confusion);
        var (perTheme, micro, macro) = Scores.Themes(
            StoriBoard.Themes.All,
            heldOut.Select(m => (ISet<string>)m.Themes.ToHashSet()).ToArray(),
            analyses.Select(a => (ISet<string>)a.Themes.Select(t => t.Id).ToHashSet()).ToArray());

        var idioms = Enumerable.Range(0, heldOut.Count)
            .Where(i => heldOut[i].Risk <= RiskLevel.Low && (idiomFileTexts.Contains(heldOut[i].Text) || lexicon.HasIdiom(heldOut[i].Text)))
            .ToArray();
        return new HeldOutEvaluation(
            heldOut.Count, confusion, perLevel, Scores.MacroF1(perLevel), Scores.RedFlag(gold, predicted),
            perTheme, micro, macro,
            idioms.Length,
            idioms.Count(i => predicted[i] >= RiskLevel.Moderate),
            idioms.Count(i => predicted[i].IsRedFlag()));
    }
}
