namespace StoriBoard.Classification.Training;

/// <summary>Precision, recall and F1 of one class or label; zero where undefined.</summary>
public readonly record struct Prf(double Precision, double Recall, double F1, int Support)
{
    public static Prf From(int truePositives, int falsePositives, int falseNegatives)
    {
        var precision = truePositives + falsePositives == 0 ? 0 : (double)truePositives / (truePositives + falsePositives);
        var recall = truePositives + falseNegatives == 0 ? 0 : (double)truePositives / (truePositives + falseNegatives);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Prf(precision, recall, f1, truePositives + falseNegatives);
    }
}

/// <summary>The quality measures the report and model selection use, over gold and predicted labels.</summary>
public static class Scores
{
    public static int[,] Confusion(IReadOnlyList<RiskLevel> gold, IReadOnlyList<RiskLevel> predicted)
    {
        var matrix = new int[RiskLevels.All.Count, RiskLevels.All.Count];
        for (var i = 0; i < gold.Count; i++)
        {
            matrix[(int)gold[i], (int)predicted[i]]++;
        }

        return matrix;
    }

    public static Prf[] PerLevel(int[,] confusion)
    {
        var n = confusion.GetLength(0);
        var result = new Prf[n];
        for (var c = 0; c < n; c++)
        {
            int tp = confusion[c, c], fp = 0, fn = 0;
            for (var o = 0; o < n; o++)
            {
                if (o != c)
                {
                    fp += confusion[o, c];
                    fn += confusion[c, o];
                }
            }

            result[c] = Prf.From(tp, fp, fn);
        }

        return result;
    }

    public static double MacroF1(IEnumerable<Prf> classes) => classes.Where(c => c.Support > 0).Select(c => c.F1).DefaultIfEmpty(0).Average();

    public static Prf RedFlag(IReadOnlyList<RiskLevel> gold, IReadOnlyList<RiskLevel> predicted)
    {
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < gold.Count; i++)
        {
            var (isGold, isPredicted) = (gold[i].IsRedFlag(), predicted[i].IsRedFlag());
            tp += isGold && isPredicted ? 1 : 0;
            fp += !isGold && isPredicted ? 1 : 0;
            fn += isGold && !isPredicted ? 1 : 0;
        }

        return Prf.From(tp, fp, fn);
    }

    /// <summary>Per theme, then micro (pooled counts) and macro (mean of per-theme F1).</summary>
    public static (Prf[] PerTheme, Prf Micro, double MacroF1) Themes(IReadOnlyList<string> themes, IReadOnlyList<ISet<string>> gold, IReadOnlyList<ISet<string>> predicted)
    {
        var perTheme = new Prf[themes.Count];
        int tpAll = 0, fpAll = 0, fnAll = 0;
        for (var t = 0; t < themes.Count; t++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Count; i++)
            {
                var (isGold, isPredicted) = (gold[i].Contains(themes[t]), predicted[i].Contains(themes[t]));
                tp += isGold && isPredicted ? 1 : 0;
                fp += !isGold && isPredicted ? 1 : 0;
                fn += isGold && !isPredicted ? 1 : 0;
            }

            perTheme[t] = Prf.From(tp, fp, fn);
            (tpAll, fpAll, fnAll) = (tpAll + tp, fpAll + fp, fnAll + fn);
        }

        return (perTheme, Prf.From(tpAll, fpAll, fnAll), MacroF1(perTheme));
    }
}
