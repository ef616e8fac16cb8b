using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace StoriBoard.Classification.Training;

/// <summary>How well each way of reading a red flag's kind does, by cross-validation on the kind-labelled corpus lines.</summary>
public sealed record KindScores(int Messages, int Folds, double Rules, double Model, double Combined);

/// <summary>
/// Trains the red-flag kind model (<see cref="KindModel"/>) on the corpus lines labelled with a kind, and compares by
/// cross-validation the rules alone, the model alone, and the two combined as the classifier combines them (explicit
/// words first, then the model).
/// </summary>
public sealed class KindTrainer(int seed = 20251126, int folds = 5)
{
    public (ITransformer Model, DataViewSchema Schema, KindScores Scores)? Train(IReadOnlyList<LabelledMessage> corpus, Action<string> progress)
    {
        var labelled = corpus.Where(m => m.Kind is not null).ToList();
        if (labelled.Count < folds * 10)
        {
            progress($"kinds: {labelled.Count} kind-labelled red flags, too few to train a kind model; the rules read every kind");
            return null;
        }

        var lexicon = SafetyLexicon.Default;
        int rules = 0, model = 0, combined = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var modelOf = Reader(labelled.Where((_, i) => i % folds != fold));
            foreach (var message in labelled.Where((_, i) => i % folds == fold))
            {
                var signals = lexicon.Assess(message.Text).Signals;
                var read = modelOf(message.Text);
                rules += RedFlagKinds.Infer(message.Text, signals, []) == message.Kind ? 1 : 0;
                model += read == message.Kind ? 1 : 0;
                combined += RedFlagKinds.Infer(message.Text, signals, [], read) == message.Kind ? 1 : 0;
            }
        }

        var scores = new KindScores(labelled.Count, folds, (double)rules / labelled.Count, (double)model / labelled.Count, (double)combined / labelled.Count);
        progress($"kinds: {labelled.Count} red flags, {folds}-fold accuracy: rules {scores.Rules:0.000}, model {scores.Model:0.000}, combined {scores.Combined:0.000}");
        var final = new MLContext(seed);
        var view = View(final, labelled);
        return (Pipeline(final).Fit(view), view.Schema, scores);
    }

    /// <summary>
    /// How often the classifier's reading (explicit words, then a model fitted on <paramref name="train"/>) names the kind
    /// of each red flag in <paramref name="test"/>: lines the model never saw.
    /// </summary>
    public double UnseenAccuracy(IReadOnlyList<LabelledMessage> train, IReadOnlyList<LabelledMessage> test)
    {
        var modelOf = Reader(train.Where(m => m.Kind is not null));
        var labelled = test.Where(m => m.Kind is not null).ToList();
        var right = labelled.Count(m => RedFlagKinds.Infer(m.Text, SafetyLexicon.Default.Assess(m.Text).Signals, [], modelOf(m.Text)) == m.Kind);
        return labelled.Count == 0 ? double.NaN : (double)right / labelled.Count;
    }

    /// <summary>The kind a model fitted on these lines reads in a text.</summary>
    private Func<string, RedFlagKind> Reader(IEnumerable<LabelledMessage> train)
    {
        var ml = new MLContext(seed);
        var engine = ml.Model.CreatePredictionEngine<KindModel.KindInput, KindModel.KindOutput>(Pipeline(ml).Fit(View(ml, train)));
        return text => Enum.Parse<RedFlagKind>(engine.Predict(new KindModel.KindInput { Text = text }).Kind);
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml) =>
        ml.Transforms.Conversion.MapValueToKey("Label", KindModel.LabelColumn)
            .Append(Candidates.Text(ml, "Features", words: 2, chars: 3, NgramExtractingEstimator.WeightingCriteria.TfIdf, allChars: false))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                NumberOfThreads = 1,
                L1Regularization = 0,
                L2Regularization = 0.01f,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedKind", "PredictedLabel"));

    private static IDataView View(MLContext ml, IEnumerable<LabelledMessage> messages) =>
        ml.Data.LoadFromEnumerable(messages.Select(m => new KindModel.KindInput { Text = m.Text, Kind = m.Kind!.Value.ToString() }));
}
