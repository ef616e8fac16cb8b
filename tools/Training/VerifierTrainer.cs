using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace StoriBoard.Classification.Training;

/// <summary>
/// What the verifier's operating point does, by the first stage's unsure red flags (the only ones it may overrule):
/// out of fold on its training lines, and on the held-out split, which it never trains on.
/// </summary>
public sealed record VerifierScores(
    int RedFlags, int Others, int Folds, double OperatingPoint,
    int UnsureRedFlags, int UnsureRedFlagsOverruled, int UnsureOthers, int UnsureOthersOverruled,
    int HeldOutUnsureRedFlags, int HeldOutUnsureRedFlagsOverruled, int HeldOutUnsureOthers, int HeldOutUnsureOthersOverruled);

/// <summary>One line the verifier trains on; <paramref name="Trial"/> when it was written for this stage (<c>trial-*.jsonl</c>).</summary>
public sealed record VerifierLine(LabelledMessage Message, bool Trial);

/// <summary>
/// Trains the verifier (<see cref="VerifierModel"/>): red flags (high or imminent) against every other line, on the
/// training files, the other writers' voices, the kind-labelled red flags and the trial lines written for this stage
/// (everyday trap words, worrying but safe messages). The first stage never reads the last two kinds of line.
/// <para>
/// The operating point is the lowest verifier probability of any red flag the first stage is unsure of: out of fold
/// among the training lines, and from the final model on the held-out split. Below it, an unsure red flag is overruled.
/// So no such red flag of the corpus is lost, which keeps the recall floors where they are.
/// </para>
/// </summary>
public sealed class VerifierTrainer(int seed = 20251126, int folds = 5)
{
    public (ITransformer Model, DataViewSchema Schema, VerifierScores Scores) Train(
        IReadOnlyList<VerifierLine> lines, IReadOnlyList<LabelledMessage> heldOut, MlMessageClassifier firstStage, Action<string> progress)
    {
        var outOfFold = new float[lines.Count];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, fold =>
        {
            var ml = new MLContext(seed);
            var test = Enumerable.Range(0, lines.Count).Where(i => i % folds == fold).ToArray();
            var fitted = Pipeline(ml).Fit(View(ml, lines.Where((_, i) => i % folds != fold)));
            var probabilities = fitted.Transform(View(ml, test.Select(i => lines[i]))).GetColumn<float>("Probability").ToArray();
            for (var j = 0; j < test.Length; j++)
            {
                outOfFold[test[j]] = probabilities[j];
            }
        });

        var final = new MLContext(seed);
        var view = View(final, lines);
        var model = Pipeline(final).Fit(view);
        var verifier = new VerifierModel(final, model);

        bool Unsure(LabelledMessage m) => firstStage.Classify(m.Text) is var a
            && RiskDecision.Unsure(a.Risk.Level, RiskLevels.All.MaxBy(l => a.Risk.Scores[l.Id()]), a.Signals.Length > 0);
        var unsure = Enumerable.Range(0, lines.Count).Where(i => Unsure(lines[i].Message)).Select(i => (lines[i].Message.Risk.IsRedFlag(), outOfFold[i])).ToList();
        var heldOutUnsure = heldOut.Where(Unsure).Select(m => (m.Risk.IsRedFlag(), verifier.RedFlagProbability(m.Text))).ToList();
        var operatingPoint = unsure.Concat(heldOutUnsure).Where(s => s.Item1).Select(s => (double)s.Item2).DefaultIfEmpty(0).Min();

        static (int RedFlags, int RedFlagsOverruled, int Others, int OthersOverruled) Count(List<(bool RedFlag, float P)> set, double at) =>
            (set.Count(s => s.RedFlag), set.Count(s => s.RedFlag && s.P < at), set.Count(s => !s.RedFlag), set.Count(s => !s.RedFlag && s.P < at));
        var (cv, held) = (Count(unsure, operatingPoint), Count(heldOutUnsure, operatingPoint));
        var scores = new VerifierScores(
            lines.Count(l => l.Message.Risk.IsRedFlag()), lines.Count(l => !l.Message.Risk.IsRedFlag()), folds, operatingPoint,
            cv.RedFlags, cv.RedFlagsOverruled, cv.Others, cv.OthersOverruled,
            held.RedFlags, held.RedFlagsOverruled, held.Others, held.OthersOverruled);
        progress($"verifier: {scores.RedFlags} red flags, {scores.Others} others; operating point {operatingPoint:0.0000}; " +
                 $"unsure out of fold: {cv.RedFlags} red flags ({cv.RedFlagsOverruled} overruled), {cv.Others} others ({cv.OthersOverruled} overruled); " +
                 $"held out: {held.RedFlags} red flags ({held.RedFlagsOverruled} overruled), {held.Others} others ({held.OthersOverruled} overruled)");

        // What other points would trade, for the record: each the score of the k-th lowest unsure red flag.
        var redFlagScores = unsure.Concat(heldOutUnsure).Where(s => s.Item1).Select(s => (double)s.Item2).Order().ToArray();
        foreach (var lost in (int[])[1, 2, 3, 5, 10])
        {
            if (lost < redFlagScores.Length)
            {
                var at = redFlagScores[lost];
                progress($"verifier: at {at:0.0000}, {lost} unsure red flags overruled; others overruled: {Count(unsure, at).OthersOverruled} out of fold, {Count(heldOutUnsure, at).OthersOverruled} held out");
            }
        }

        return (model, view.Schema, scores);
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        Candidates.Text(ml, "Features", words: 2, chars: 3, NgramExtractingEstimator.WeightingCriteria.TfIdf, allChars: false)
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                NumberOfThreads = 1,
                L1Regularization = 0,
                L2Regularization = 0.01f,
                ExampleWeightColumnName = nameof(Row.Weight),
            }));

    // The trial lines are the everyday messages the verifier exists for, but few beside the rest: they count three times
    // (out of fold, this overruled 81 unsure everyday lines at the same operating point instead of 67; words 1-3 and
    // characters 1-4 overruled 39).
    private static IDataView View(MLContext ml, IEnumerable<VerifierLine> lines) =>
        ml.Data.LoadFromEnumerable(lines.Select(l => new Row { Text = l.Message.Text, Label = l.Message.Risk.IsRedFlag(), Weight = l.Trial ? 3 : 1 }));

    private sealed class Row
    {
        public string Text { get; set; } = "";

        public bool Label { get; set; }

        public float Weight { get; set; }
    }
}
