using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace StoriBoard.Classification.Training;

/// <summary>A way of turning a message into a feature vector.</summary>
public sealed record Featurisation(string Name, Func<MLContext, string, IEstimator<ITransformer>> Build, bool Keywords, bool Fast);
// Keywords: the theme word counts (for the theme heads) and the safety lexicon's cues (for the risk head) are appended.

/// <summary>A trainer that reads the feature column it is given and the <c>Label</c> column.</summary>
public sealed record TrainerChoice(string Name, Func<MLContext, string, IEstimator<ITransformer>> Build);

/// <summary>
/// What cross-validation compares. L-BFGS gets a light L2 penalty and no L1: its defaults (1 and 1) all but
/// erase the weights of L2-normalised text features. Every trainer runs on one thread so that a fixed seed gives the same
/// model every time; the speed comes from running folds side by side instead.
/// </summary>
public static class Candidates
{
    /// <summary>
    /// The last model's featurisation (words 1-3 + chars 1-4) stays in the comparison for the record, but costs about
    /// 150-250 µs a message in ML.NET here, over the whole per-message budget (20,000 msg/s on 2 cores is 100 µs of CPU):
    /// only the <see cref="Featurisation.Fast"/> ones can be chosen.
    /// </summary>
    public static IReadOnlyList<Featurisation> Featurisations { get; } =
    [
        new("words 1-3 + chars 1-4, tf-idf", (ml, output) => Text(ml, output, words: 3, chars: 4, NgramExtractingEstimator.WeightingCriteria.TfIdf), Keywords: false, Fast: false),
        new("words 1-2, tf-idf + theme words + lexicon cues", (ml, output) => Text(ml, output, words: 2, chars: 0, NgramExtractingEstimator.WeightingCriteria.TfIdf), Keywords: true, Fast: true),
        new("words 1-2 + chars 3, tf-idf + theme words + lexicon cues", (ml, output) => Text(ml, output, words: 2, chars: 3, NgramExtractingEstimator.WeightingCriteria.TfIdf, allChars: false), Keywords: true, Fast: true),
    ];

    public static IReadOnlyList<TrainerChoice> RiskTrainers { get; } =
    [
        new("SdcaMaximumEntropy", (ml, features) => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            new SdcaMaximumEntropyMulticlassTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1 })),
        new("LbfgsMaximumEntropy", (ml, features) => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            new LbfgsMaximumEntropyMulticlassTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0.01f })),
    ];

    /// <summary>The separate red-flag head (high or imminent against the rest), tried beside each risk trainer.</summary>
    public static TrainerChoice RedFlagTrainer { get; } =
        new("LbfgsLogisticRegression", (ml, features) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0.01f }));

    public static IReadOnlyList<TrainerChoice> ThemeTrainers { get; } =
    [
        new("SdcaLogisticRegression", (ml, features) => ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1 })),
        new("LbfgsLogisticRegression", (ml, features) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0.01f })),
        new("LbfgsLogisticRegression, L2 0.1", (ml, features) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0.1f })),
        new("LbfgsLogisticRegression, L2 0.001", (ml, features) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { FeatureColumnName = features, NumberOfThreads = 1, L1Regularization = 0, L2Regularization = 0.001f })),
    ];

    // Stop words stay: "not", "never" and "no" carry the negation the risk depends on.
    public static IEstimator<ITransformer> Text(MLContext ml, string output, int words, int chars, NgramExtractingEstimator.WeightingCriteria weighting, bool allChars = true) =>
        ml.Transforms.Text.FeaturizeText(output, new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = false,
            KeepNumbers = true,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = words, UseAllLengths = true, Weighting = weighting },
            CharFeatureExtractor = chars == 0 ? null : new WordBagEstimator.Options { NgramLength = chars, UseAllLengths = allChars, Weighting = weighting },
        }, ModelColumns.Text);
}
