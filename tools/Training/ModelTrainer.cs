using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace StoriBoard.Classification.Training;

public sealed record RiskCandidate(string Featurisation, string Trainer, double MacroF1, Prf RedFlag, double RedFlagThreshold, TimeSpan FitTime, bool RedFlagHead = false);

public sealed record ThemeCandidate(string Featurisation, string Trainer, Prf Micro, double MacroF1, TimeSpan FitTime);

/// <summary>What training produced: the model chain, its decision settings, and the cross-validated comparison that chose it.</summary>
public sealed record TrainedClassifier(
    ITransformer Model,
    DataViewSchema InputSchema,
    LinearHeads Heads,
    ClassifierSettings Settings,
    IReadOnlyList<RiskCandidate> RiskCandidates,
    IReadOnlyList<ThemeCandidate> ThemeCandidates,
    int Folds);

/// <summary>
/// Compares featurisations and trainers by k-fold cross-validation on the training data, tunes the
/// per-theme thresholds and the red-flag threshold on the out-of-fold predictions of the winners,
/// then fits the winners on all the training data: one featuriser (saved as an ML.NET model) and the linear heads trained
/// on its features (their weights extracted and saved for <see cref="LinearHeads"/>): featurise once, score every head.
/// Risk and themes share the featurisation that does best on both, so a message is featurised only once.
/// </summary>
public sealed class ModelTrainer(int seed = 20251126, int folds = 5, double redFlagRecallTarget = 0.97)
{
    private const string CvFeatures = "Features";

    public TrainedClassifier Train(IReadOnlyList<LabelledMessage> corpus, Action<string> progress)
    {
        var themes = StoriBoard.Themes.All;
        var foldOf = StratifiedFolds(corpus);
        var risk = new List<(RiskCandidate Candidate, float[][] OutOfFold)>();
        var theme = new List<(ThemeCandidate Candidate, double[] Thresholds)>();

        foreach (var featurisation in Candidates.Featurisations)
        {
            var riskOof = Candidates.RiskTrainers.Select(_ => new float[corpus.Count][]).ToArray();
            var themeOof = Candidates.ThemeTrainers.Select(_ => themes.Select(_ => new float[corpus.Count]).ToArray()).ToArray();
            var riskTime = new long[Candidates.RiskTrainers.Count];
            var redFlagOof = new float[corpus.Count];
            var themeTime = new long[Candidates.ThemeTrainers.Count];

            // Folds run side by side, each with its own context; every trainer inside is single-threaded and seeded.
            Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fold =>
            {
                var ml = new MLContext(seed);
                var train = Enumerable.Range(0, corpus.Count).Where(i => foldOf[i] != fold).ToArray();
                var test = Enumerable.Range(0, corpus.Count).Where(i => foldOf[i] == fold).ToArray();
                var featurizer = featurisation.Build(ml, CvFeatures).Fit(TextView(ml, train.Select(i => corpus[i])));
                var (trainX, size) = Featurise(ml, featurizer, train.Select(i => corpus[i]), CvFeatures, featurisation.Keywords);
                var (testX, _) = Featurise(ml, featurizer, test.Select(i => corpus[i]), CvFeatures, featurisation.Keywords);
                var (riskTrainX, riskTestX) = (ForRisk(trainX, size), ForRisk(testX, size));
                (trainX, testX) = (ForThemes(trainX, size), ForThemes(testX, size));

                for (var t = 0; t < Candidates.RiskTrainers.Count; t++)
                {
                    var clock = Stopwatch.StartNew();
                    var model = Candidates.RiskTrainers[t].Build(ml, CvFeatures).Fit(RiskView(ml, riskTrainX, size, train.Select(i => corpus[i].Risk), CvFeatures));
                    Interlocked.Add(ref riskTime[t], clock.ElapsedTicks);
                    var scores = model.Transform(RiskView(ml, riskTestX, size, test.Select(i => corpus[i].Risk), CvFeatures))
                        .GetColumn<float[]>("Score").ToArray();
                    for (var j = 0; j < test.Length; j++)
                    {
                        riskOof[t][test[j]] = scores[j];
                    }
                }

                // The separate red-flag head: high or imminent against the rest, on the risk head's features.
                var redFlagModel = Candidates.RedFlagTrainer.Build(ml, CvFeatures).Fit(ThemeView(ml, riskTrainX, size, train.Select(i => corpus[i].Risk.IsRedFlag()), CvFeatures));
                var redFlagProbabilities = redFlagModel.Transform(ThemeView(ml, riskTestX, size, test.Select(i => corpus[i].Risk.IsRedFlag()), CvFeatures))
                    .GetColumn<float>("Probability").ToArray();
                for (var j = 0; j < test.Length; j++)
                {
                    redFlagOof[test[j]] = redFlagProbabilities[j];
                }

                for (var t = 0; t < Candidates.ThemeTrainers.Count; t++)
                {
                    for (var h = 0; h < themes.Count; h++)
                    {
                        var id = themes[h];
                        var clock = Stopwatch.StartNew();
                        var model = Candidates.ThemeTrainers[t].Build(ml, CvFeatures).Fit(ThemeView(ml, trainX, size, train.Select(i => corpus[i].Themes.Contains(id)), CvFeatures));
                        Interlocked.Add(ref themeTime[t], clock.ElapsedTicks);
                        var probabilities = model.Transform(ThemeView(ml, testX, size, test.Select(i => corpus[i].Themes.Contains(id)), CvFeatures))
                            .GetColumn<float>("Probability").ToArray();
                        for (var j = 0; j < test.Length; j++)
                        {
                            themeOof[t][h][test[j]] = probabilities[j];
                        }
                    }
                }
            });

            for (var t = 0; t < Candidates.RiskTrainers.Count; t++)
            {
                foreach (var head in (float[]?[])[null, redFlagOof])
                {
                    var name = Candidates.RiskTrainers[t].Name + (head is null ? "" : " + red-flag head");
                    var candidate = ScoreRisk(corpus, riskOof[t], head, featurisation.Name, name, TimeSpan.FromSeconds((double)riskTime[t] / Stopwatch.Frequency));
                    risk.Add((candidate, riskOof[t]));
                    progress($"risk   {candidate.Featurisation,-30} {candidate.Trainer,-24} macro-F1 {candidate.MacroF1:0.000}  red-flag P/R {candidate.RedFlag.Precision:0.000}/{candidate.RedFlag.Recall:0.000} at {candidate.RedFlagThreshold:0.00}");
                }
            }

            for (var t = 0; t < Candidates.ThemeTrainers.Count; t++)
            {
                var (candidate, thresholds) = ScoreThemes(corpus, themeOof[t], featurisation.Name, Candidates.ThemeTrainers[t].Name, TimeSpan.FromSeconds((double)themeTime[t] / Stopwatch.Frequency));
                theme.Add((candidate, thresholds));
                progress($"themes {candidate.Featurisation,-30} {candidate.Trainer,-24} micro-F1 {candidate.Micro.F1:0.000}  macro-F1 {candidate.MacroF1:0.000}");
            }
        }

        // One featurisation for both (a message is featurised once): the one whose best risk and best theme candidates do
        // best together. Within it, risk: the best macro-F1 plus red-flag precision at the recall-first operating point; themes: the best micro-F1 (macro-F1 breaks ties).
        (RiskCandidate Risk, (ThemeCandidate Candidate, double[] Thresholds) Theme) BestWith(string featurisation) => (
            risk.Where(r => r.Candidate.Featurisation == featurisation).MaxBy(r => Math.Round(r.Candidate.MacroF1 + r.Candidate.RedFlag.Precision, 3)).Candidate,
            theme.Where(t => t.Candidate.Featurisation == featurisation).MaxBy(t => (Math.Round(t.Candidate.Micro.F1, 3), t.Candidate.MacroF1)));
        var (bestRisk, bestTheme) = Candidates.Featurisations
            .Where(f => f.Fast)
            .Select(f => BestWith(f.Name))
            .MaxBy(b => b.Risk.MacroF1 + b.Risk.RedFlag.Precision + b.Theme.Candidate.Micro.F1);
        var settings = new ClassifierSettings
        {
            Themes = [.. themes],
            ThemeThresholds = bestTheme.Thresholds,
            RedFlagThreshold = bestRisk.RedFlagThreshold,
            RiskModel = $"{bestRisk.Trainer} on {bestRisk.Featurisation}",
            ThemeModel = $"{bestTheme.Candidate.Trainer} per theme on {bestTheme.Candidate.Featurisation}",
        };
        progress($"fitting the winners on all {corpus.Count} messages: risk {settings.RiskModel}; themes {settings.ThemeModel}");
        var (model, schema, heads) = FitFinal(corpus, bestRisk, bestTheme.Candidate, progress);
        return new TrainedClassifier(model, schema, heads, settings, [.. risk.Select(r => r.Candidate)], [.. theme.Select(t => t.Candidate)], folds);
    }

    private (ITransformer, DataViewSchema, LinearHeads) FitFinal(IReadOnlyList<LabelledMessage> corpus, RiskCandidate risk, ThemeCandidate theme, Action<string> progress)
    {
        var ml = new MLContext(seed);
        var text = TextView(ml, corpus);
        var featurisation = Candidates.Featurisations.Single(f => f.Name == risk.Featurisation);
        var featurizer = featurisation.Build(ml, ModelColumns.Features).Fit(text);
        var (x, size) = Featurise(ml, featurizer, corpus, ModelColumns.Features, featurisation.Keywords);
        var textSize = size - ThemeKeywords.Count - RiskCues.Count;

        var levels = RiskLevels.All.Count;
        var themes = StoriBoard.Themes.All;
        var outputs = levels + themes.Count + (risk.RedFlagHead ? 1 : 0);
        var weights = new float[size * outputs];
        var bias = new float[outputs];
        var slope = new float[outputs - levels];
        var offset = new float[outputs - levels];

        var riskView = RiskView(ml, ForRisk(x, size), size, corpus.Select(m => m.Risk), ModelColumns.Features);
        var riskModel = Candidates.RiskTrainers.Single(t => risk.Trainer == t.Name || risk.Trainer == t.Name + " + red-flag head").Build(ml, ModelColumns.Features).Fit(riskView);
        var maxEnt = ((MulticlassPredictionTransformer<MaximumEntropyModelParameters>)riskModel).Model;
        VBuffer<float>[] classWeights = [];
        maxEnt.GetWeights(ref classWeights, out var classes);
        if (classes != levels)
        {
            throw new InvalidOperationException($"The risk model has {classes} classes, not {levels}.");
        }

        var classBias = maxEnt.GetBiases().ToArray();
        for (var c = 0; c < levels; c++)
        {
            bias[c] = classBias[c];
            var dense = classWeights[c].DenseValues().ToArray();
            for (var j = 0; j < size; j++)
            {
                weights[j * outputs + c] = dense[j];
            }
        }

        var checks = new List<(ITransformer Model, IDataView View, int Output)> { (riskModel, riskView, -1) };
        for (var h = 0; h < themes.Count; h++)
        {
            var id = themes[h];
            var view = ThemeView(ml, ForThemes(x, size), size, corpus.Select(m => m.Themes.Contains(id)), ModelColumns.Features);
            var themeModel = Candidates.ThemeTrainers.Single(t => t.Name == theme.Trainer).Build(ml, ModelColumns.Features).Fit(view);
            AddBinary(themeModel, h);
            checks.Add((themeModel, view, h));
        }

        if (risk.RedFlagHead)
        {
            var view = ThemeView(ml, ForRisk(x, size), size, corpus.Select(m => m.Risk.IsRedFlag()), ModelColumns.Features);
            var redFlagModel = Candidates.RedFlagTrainer.Build(ml, ModelColumns.Features).Fit(view);
            AddBinary(redFlagModel, themes.Count);
            checks.Add((redFlagModel, view, themes.Count));
        }

        void AddBinary(ITransformer binaryModel, int h)
        {
            var calibrated = ((BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>)binaryModel).Model;
            var linear = calibrated.SubModel;
            bias[levels + h] = linear.Bias;
            slope[h] = (float)calibrated.Calibrator.Slope;
            offset[h] = (float)calibrated.Calibrator.Offset;
            var w = linear.Weights;
            for (var j = 0; j < size; j++)
            {
                weights[j * outputs + levels + h] = w[j];
            }
        }

        var heads = new LinearHeads(textSize, levels, themes.Count, risk.RedFlagHead, weights, bias, slope, offset);
        var worst = Check(heads, x, textSize, checks);
        progress($"linear heads match ML.NET's own predictions to within {worst:E1}");
        return (featurizer, text.Schema, heads);
    }

    /// <summary>The heads scored in C# must give what ML.NET's transformers give on the training features; the largest gap.</summary>
    private static double Check(LinearHeads heads, VBuffer<float>[] x, int textSize, List<(ITransformer Model, IDataView View, int Output)> checks)
    {
        var n = Math.Min(x.Length, 300);
        var risk = new float[heads.Levels];
        var themes = new float[heads.Themes + 1];
        var keywords = new float[ThemeKeywords.Count];
        var cues = new float[RiskCues.Count];
        var worst = 0.0;
        foreach (var (model, view, output) in checks)
        {
            var transformed = model.Transform(view);
            var expected = output < 0
                ? transformed.GetColumn<float[]>("Score").Take(n).ToArray()
                : transformed.GetColumn<float>("Probability").Take(n).Select(p => new[] { p }).ToArray();
            for (var i = 0; i < n; i++)
            {
                var (textPart, keywordPart) = Split(x[i], textSize);
                keywordPart.AsSpan(0, keywords.Length).CopyTo(keywords);
                keywordPart.AsSpan(keywords.Length).CopyTo(cues);
                var redFlag = heads.Score(textPart, keywords, cues, risk, themes.AsSpan(0, heads.Themes));
                themes[heads.Themes] = redFlag ?? 0;
                var actual = output < 0 ? risk : [themes[output]];
                for (var k = 0; k < actual.Length; k++)
                {
                    worst = Math.Max(worst, Math.Abs(actual[k] - expected[i][k]));
                }
            }
        }

        if (worst > 1e-3)
        {
            throw new InvalidOperationException($"The extracted linear heads differ from ML.NET's predictions by {worst:0.0000}.");
        }

        return worst;
    }

    /// <summary>A training row back into the featuriser's part and the rest (theme words, risk cues), as the classifier sees them.</summary>
    private static (VBuffer<float> Text, float[] Keywords) Split(VBuffer<float> row, int textSize)
    {
        var dense = row.DenseValues().ToArray();
        return (new VBuffer<float>(textSize, dense[..textSize]), dense[textSize..]);
    }

    private RiskCandidate ScoreRisk(IReadOnlyList<LabelledMessage> corpus, float[][] oof, float[]? redFlag, string featurisation, string trainer, TimeSpan time)
    {
        var gold = corpus.Select(m => m.Risk).ToArray();
        var threshold = RedFlagThreshold(gold, oof, redFlag);
        var predicted = Decide(oof, redFlag, threshold);
        var macro = Scores.MacroF1(Scores.PerLevel(Scores.Confusion(gold, predicted)));
        return new RiskCandidate(featurisation, trainer, macro, Scores.RedFlag(gold, predicted), threshold, time, redFlag is not null);
    }

    private static RiskLevel[] Decide(float[][] oof, float[]? redFlag, double threshold) =>
        oof.Select((p, i) => RiskDecision.Level(p, threshold, redFlag?[i])).ToArray();

    /// <summary>The highest threshold (fewest false alarms) whose out-of-fold red-flag recall still meets the target.</summary>
    private double RedFlagThreshold(RiskLevel[] gold, float[][] oof, float[]? redFlag)
    {
        for (var step = 95; step >= 1; step--)
        {
            var threshold = step / 100.0;
            var predicted = Decide(oof, redFlag, threshold);
            if (Scores.RedFlag(gold, predicted).Recall >= redFlagRecallTarget)
            {
                return threshold;
            }
        }

        return 0.01;
    }

    private static (ThemeCandidate, double[]) ScoreThemes(IReadOnlyList<LabelledMessage> corpus, float[][] oof, string featurisation, string trainer, TimeSpan time)
    {
        var themes = StoriBoard.Themes.All;
        var thresholds = new double[themes.Count];
        for (var h = 0; h < themes.Count; h++)
        {
            var gold = corpus.Select(m => m.Themes.Contains(themes[h])).ToArray();
            thresholds[h] = BestF1Threshold(gold, oof[h]);
        }

        var goldSets = corpus.Select(m => (ISet<string>)m.Themes.ToHashSet()).ToArray();
        var predictedSets = Enumerable.Range(0, corpus.Count)
            .Select(i => (ISet<string>)Enumerable.Range(0, themes.Count).Where(h => oof[h][i] >= thresholds[h]).Select(h => themes[h]).ToHashSet())
            .ToArray();
        var (_, micro, macro) = Scores.Themes(themes, goldSets, predictedSets);
        return (new ThemeCandidate(featurisation, trainer, micro, macro, time), thresholds);
    }

    private static double BestF1Threshold(bool[] gold, float[] probabilities)
    {
        var (best, bestF1) = (0.5, -1.0);
        for (var step = 5; step <= 95; step++)
        {
            var threshold = step / 100.0;
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < gold.Length; i++)
            {
                var predicted = probabilities[i] >= threshold;
                tp += gold[i] && predicted ? 1 : 0;
                fp += !gold[i] && predicted ? 1 : 0;
                fn += gold[i] && !predicted ? 1 : 0;
            }

            var f1 = Prf.From(tp, fp, fn).F1;
            if (f1 > bestF1)
            {
                (best, bestF1) = (threshold, f1);
            }
        }

        return best;
    }

    /// <summary>Folds stratified by risk level, so that every fold holds its share of red flags.</summary>
    private int[] StratifiedFolds(IReadOnlyList<LabelledMessage> corpus)
    {
        var random = new Random(seed);
        var foldOf = new int[corpus.Count];
        foreach (var level in RiskLevels.All)
        {
            var members = Enumerable.Range(0, corpus.Count).Where(i => corpus[i].Risk == level).OrderBy(_ => random.Next()).ToArray();
            for (var k = 0; k < members.Length; k++)
            {
                foldOf[members[k]] = k % folds;
            }
        }

        return foldOf;
    }

    private static IDataView TextView(MLContext ml, IEnumerable<LabelledMessage> messages) =>
        ml.Data.LoadFromEnumerable(messages.Select(m => new ModelInput { Text = m.Text }).ToArray());

    /// <summary>
    /// The rows as the risk head reads them: text features and risk cues, without the theme word counts (in
    /// cross-validation the counts cost risk macro-F1 and red-flag precision).
    /// </summary>
    private static VBuffer<float>[] ForRisk(VBuffer<float>[] rows, int size) =>
        Keep(rows, size, i => i < size - RiskCues.Count - ThemeKeywords.Count || i >= size - RiskCues.Count);

    /// <summary>The rows as the theme heads read them: text features and theme word counts, without the risk cues.</summary>
    private static VBuffer<float>[] ForThemes(VBuffer<float>[] rows, int size) => Keep(rows, size, i => i < size - RiskCues.Count);

    private static VBuffer<float>[] Keep(VBuffer<float>[] rows, int size, Func<int, bool> keep) =>
        rows.Select(r =>
        {
            var indices = r.GetIndices();
            var values = r.GetValues();
            var (keptIndices, keptValues) = (new List<int>(indices.Length), new List<float>(indices.Length));
            for (var k = 0; k < indices.Length; k++)
            {
                if (keep(indices[k]))
                {
                    keptIndices.Add(indices[k]);
                    keptValues.Add(values[k]);
                }
            }

            return new VBuffer<float>(size, keptIndices.Count, [.. keptValues], [.. keptIndices]);
        }).ToArray();

    /// <summary>The featuriser's vector of each message with the theme keyword counts appended (zeros when not used).</summary>
    private static (VBuffer<float>[] Rows, int Size) Featurise(MLContext ml, ITransformer featurizer, IEnumerable<LabelledMessage> messages, string column, bool keywords)
    {
        var list = messages.ToArray();
        var view = featurizer.Transform(TextView(ml, list));
        var textSize = ((VectorDataViewType)view.Schema[column].Type).Size;
        var size = textSize + ThemeKeywords.Count + RiskCues.Count;
        var rows = new List<VBuffer<float>>();
        using var cursor = view.GetRowCursor([view.Schema[column]]);
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[column]);
        var buffer = default(VBuffer<float>);
        var counts = new float[ThemeKeywords.Count];
        var cues = new float[RiskCues.Count];
        var row = 0;
        while (cursor.MoveNext())
        {
            // The getter reuses its buffer from row to row: each row gets its own arrays.
            getter(ref buffer);
            var indices = new List<int>();
            var values = new List<float>();
            foreach (var (index, value) in buffer.Items())
            {
                if (value != 0)
                {
                    indices.Add(index);
                    values.Add(value);
                }
            }

            if (keywords)
            {
                ThemeKeywords.Read(list[row].Text, counts);
                for (var k = 0; k < counts.Length; k++)
                {
                    if (counts[k] != 0)
                    {
                        indices.Add(textSize + k);
                        values.Add(counts[k]);
                    }
                }

                RiskCues.Read(SafetyLexicon.Default.Assess(list[row].Text), list[row].Text, cues);
                for (var k = 0; k < cues.Length; k++)
                {
                    if (cues[k] != 0)
                    {
                        indices.Add(textSize + ThemeKeywords.Count + k);
                        values.Add(cues[k]);
                    }
                }
            }

            rows.Add(new VBuffer<float>(size, values.Count, [.. values], [.. indices]));
            row++;
        }

        return ([.. rows], size);
    }

    private static IDataView RiskView(MLContext ml, VBuffer<float>[] features, int size, IEnumerable<RiskLevel> labels, string featureColumn) =>
        ml.Data.LoadFromEnumerable(
            features.Zip(labels, (x, y) => new RiskRow { Label = (uint)y, Features = x }).ToArray(),
            Schema(typeof(RiskRow), size, featureColumn));

    private static IDataView ThemeView(MLContext ml, VBuffer<float>[] features, int size, IEnumerable<bool> labels, string featureColumn) =>
        ml.Data.LoadFromEnumerable(
            features.Zip(labels, (x, y) => new ThemeRow { Label = y, Features = x }).ToArray(),
            Schema(typeof(ThemeRow), size, featureColumn));

    private static SchemaDefinition Schema(Type row, int size, string featureColumn)
    {
        var schema = SchemaDefinition.Create(row);
        var features = schema[nameof(RiskRow.Features)];
        features.ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        features.ColumnName = featureColumn;
        return schema;
    }

    // A key label (0-based here, in RiskLevel order) keeps the level-to-key mapping out of the saved model: prediction never asks for a label.
    private sealed class RiskRow
    {
        [KeyType(5)]
        public uint Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }

    private sealed class ThemeRow
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
