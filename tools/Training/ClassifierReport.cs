using System.Globalization;
using System.Text;

namespace StoriBoard.Classification.Training;

/// <summary>Writes <c>docs/classifier-report.md</c>. A benchmark section already in the file is kept, since benchmarks run apart from training.</summary>
public static class ClassifierReport
{
    public const string BenchmarkHeading = "## Throughput and latency";

    public sealed record Inputs(
        TrainedClassifier Trained,
        int TrainingMessages,
        int HeldOutMessages,
        int TrainingFiles,
        HeldOutEvaluation WithLexicon,
        HeldOutEvaluation ModelOnly,
        AnnotatorAgreement? Agreement,
        KindScores? Kinds,
        TimeSpan TrainingTime);

    public static void Write(string path, Inputs inputs)
    {
        var kept = File.Exists(path) ? File.ReadAllText(path) : "";
        var benchmark = kept.IndexOf(BenchmarkHeading, StringComparison.Ordinal) is var at and >= 0 ? kept[at..] : "";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Render(inputs) + benchmark);
    }

    private static string Render(Inputs inputs)
    {
        var (trained, held, bare) = (inputs.Trained, inputs.WithLexicon, inputs.ModelOnly);
        var s = new StringBuilder();
        s.AppendLine("# Classifier evaluation").AppendLine();
        s.Append(Invariant($"Written by `dotnet run -c Release --project tools/Training`. Trained on {inputs.TrainingMessages} messages ({inputs.TrainingFiles} files `data/corpus/train-*.jsonl`); "));
        s.Append(Invariant($"evaluated on the {inputs.HeldOutMessages} messages of `data/corpus/heldout-*.jsonl`, which training never sees. "));
        s.AppendLine(Invariant($"Training, {trained.Folds}-fold cross-validation included, took {inputs.TrainingTime.TotalSeconds:0} s on this machine."));
        s.AppendLine();
        s.AppendLine(Invariant($"- Risk model: {trained.Settings.RiskModel}; red-flag threshold {(trained.Heads.RedFlagHead ? "P(red flag) from the separate red-flag head" : "P(high)+P(imminent)")} ≥ {trained.Settings.RedFlagThreshold:0.00}."));
        s.AppendLine(Invariant($"- Theme models: {trained.Settings.ThemeModel}."));
        s.AppendLine("- One ML.NET featuriser (`models/classifier.zip`) per message; the risk head and the 13 theme heads are ML.NET-trained linear models whose weights are extracted into `models/classifier-heads.bin` and scored in C# in one pass over the message's non-zero features (checked against ML.NET's own predictions at training).");
        s.AppendLine("- *theme words*: one capped count per theme of a small hand-written vocabulary (`ThemeKeywords`), read by the theme heads only. *lexicon cues*: one feature per safety-lexicon rule that fired (present or past), plus idiom and disclaimer flags and whether the message is three words or fewer (`RiskCues`), read by the risk head only; the lexicon's floor stays raise-only.");
        s.AppendLine("- *Model only* keeps the lexicon cues as features but drops the lexicon's floor.");
        s.AppendLine("- The numbers below are the whole classifier (model, red-flag threshold and safety lexicon) unless marked *model only*.");
        s.AppendLine("- **First sight and whole conversations**: every change scored, before anything was done about what it missed, on messages and dialogues by writers who never saw the corpus, and the conversations' own judgement (questions, answers, context) replayed over the dialogues: [`docs/safety-evaluation.md`](safety-evaluation.md). `--eval [folder]` re-scores an evaluation folder (messages and dialogues).").AppendLine();

        s.AppendLine("## Headline (held out)").AppendLine();
        s.AppendLine("| measure | classifier | model only |").AppendLine("| --- | --- | --- |");
        Row(s, "red-flag (high+imminent) recall", held.RedFlag.Recall, bare.RedFlag.Recall);
        Row(s, "red-flag precision", held.RedFlag.Precision, bare.RedFlag.Precision);
        Row(s, "risk macro-F1", held.RiskMacroF1, bare.RiskMacroF1);
        Row(s, "theme micro-F1", held.ThemeMicro.F1, bare.ThemeMicro.F1);
        Row(s, "theme macro-F1", held.ThemeMacroF1, bare.ThemeMacroF1);
        Row(s, $"idiom false-alarm rate (moderate or above, {held.IdiomMessages} messages)", held.IdiomFalseAlarmRate, bare.IdiomFalseAlarmRate);
        s.AppendLine(Invariant($"| idiom messages raised to a red flag | {held.IdiomRedFlags} | {bare.IdiomRedFlags} |"));
        s.AppendLine();
        s.AppendLine("Idiom messages are the held-out messages labelled `none` or `low` that come from a hand-written `heldout-idioms*.jsonl` " +
                     "file or hold one of the idioms the safety lexicon knows (\"this exam is killing me\", \"I could die of embarrassment\"). " +
                     "A false alarm is any level of `moderate` or above on one of them.").AppendLine();

        KindSection(s, inputs.Kinds);

        s.AppendLine("## Risk per level (held out)").AppendLine();
        s.AppendLine("| level | precision | recall | F1 | support |").AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var level in RiskLevels.All)
        {
            var p = held.PerLevel[(int)level];
            s.AppendLine(Invariant($"| {level.Id()} | {p.Precision:0.000} | {p.Recall:0.000} | {p.F1:0.000} | {p.Support} |"));
        }

        s.AppendLine().AppendLine("Confusion matrix (rows: gold, columns: predicted):").AppendLine();
        s.AppendLine("| gold \\ predicted | " + string.Join(" | ", RiskLevels.All.Select(l => l.Id())) + " |");
        s.AppendLine("| --- |" + string.Concat(RiskLevels.All.Select(_ => " --- |")));
        foreach (var gold in RiskLevels.All)
        {
            s.AppendLine($"| {gold.Id()} | " + string.Join(" | ", RiskLevels.All.Select(p => held.Confusion[(int)gold, (int)p])) + " |");
        }

        s.AppendLine().AppendLine("## Themes (held out)").AppendLine();
        s.AppendLine("| theme | threshold | precision | recall | F1 | support |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        for (var t = 0; t < trained.Settings.Themes.Length; t++)
        {
            var p = held.PerTheme[t];
            s.AppendLine(Invariant($"| {trained.Settings.Themes[t]} | {trained.Settings.ThemeThresholds[t]:0.00} | {p.Precision:0.000} | {p.Recall:0.000} | {p.F1:0.000} | {p.Support} |"));
        }

        s.AppendLine(Invariant($"| **micro** | | {held.ThemeMicro.Precision:0.000} | {held.ThemeMicro.Recall:0.000} | {held.ThemeMicro.F1:0.000} | {held.ThemeMicro.Support} |"));
        s.AppendLine(Invariant($"| **macro** | | | | {held.ThemeMacroF1:0.000} | |"));

        if (inputs.Agreement is { } agreement)
        {
            AgreementSection(s, trained.Settings.Themes, held, agreement);
        }

        s.AppendLine().AppendLine(Invariant($"## Featurisation and trainer comparison ({trained.Folds}-fold cross-validation on the training data)")).AppendLine();
        s.AppendLine("Risk: each candidate's red-flag threshold is tuned on its own out-of-fold predictions for red-flag recall ≥ 0.97, then scored there. " +
                     "Fit time is the sum over folds.").AppendLine();
        s.AppendLine("| featurisation | trainer | macro-F1 | red-flag recall | red-flag precision | threshold | fit time |").AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var c in trained.RiskCandidates)
        {
            var won = trained.Settings.RiskModel == $"{c.Trainer} on {c.Featurisation}" ? " **(kept)**" : "";
            s.AppendLine(Invariant($"| {c.Featurisation} | {c.Trainer}{won} | {c.MacroF1:0.000} | {c.RedFlag.Recall:0.000} | {c.RedFlag.Precision:0.000} | {c.RedFlagThreshold:0.00} | {c.FitTime.TotalSeconds:0.0} s |"));
        }

        s.AppendLine().AppendLine("Themes: one binary model per theme, each theme's threshold tuned for F1 on the out-of-fold predictions.").AppendLine();
        s.AppendLine("| featurisation | trainer | micro-F1 | micro precision | micro recall | macro-F1 | fit time |").AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var c in trained.ThemeCandidates)
        {
            var won = trained.Settings.ThemeModel == $"{c.Trainer} per theme on {c.Featurisation}" ? " **(kept)**" : "";
            s.AppendLine(Invariant($"| {c.Featurisation} | {c.Trainer}{won} | {c.Micro.F1:0.000} | {c.Micro.Precision:0.000} | {c.Micro.Recall:0.000} | {c.MacroF1:0.000} | {c.FitTime.TotalSeconds:0.0} s |"));
        }

        s.AppendLine();
        return s.ToString();
    }

    private static void KindSection(StringBuilder s, KindScores? kinds)
    {
        if (kinds is null)
        {
            return;
        }

        s.AppendLine("## Red-flag kinds").AppendLine();
        s.AppendLine(Invariant($"The kind model (`models/{KindModel.FileName}`: words 1–2 and characters 3, tf-idf, multinomial logistic regression) is trained on the {kinds.Messages} red flags of the corpus labelled with a kind. ")
                     + "It runs only on a message already judged a red flag. Explicit words decide first (the safety rules that fired, someone else at risk, "
                     + "an overdose already taken, harm from or to someone); the model reads the rest. Accuracy of the kind, "
                     + Invariant($"{kinds.Folds}-fold cross-validation on those lines:")).AppendLine();
        s.AppendLine("| reading | accuracy |").AppendLine("| --- | --- |");
        s.AppendLine(Invariant($"| the rules alone (suicide by default) | {kinds.Rules:0.000} |"));
        s.AppendLine(Invariant($"| the model alone | {kinds.Model:0.000} |"));
        s.AppendLine(Invariant($"| explicit words, then the model (shipped) | {kinds.Combined:0.000} |"));
        s.AppendLine();
    }

    private static void AgreementSection(StringBuilder s, string[] themes, HeldOutEvaluation held, AnnotatorAgreement agreement)
    {
        s.AppendLine().AppendLine("## Annotator agreement on the held-out themes").AppendLine();
        s.AppendLine("Two annotators labelled the held-out themes again, blind to the labels and to the models, from the written guide " +
                     "`data/labelling/guide.md` (`data/labelling/heldout-annotations.jsonl`). Each is scored here as if it were a classifier " +
                     "against the held-out labels: how far careful people who follow TAXONOMY.md agree with those labels is the ceiling " +
                     "a classifier can be expected to reach on them.").AppendLine();
        s.AppendLine("| theme | classifier F1 | annotator A F1 | annotator B F1 |").AppendLine("| --- | --- | --- | --- |");
        for (var t = 0; t < themes.Length; t++)
        {
            s.AppendLine(Invariant($"| {themes[t]} | {held.PerTheme[t].F1:0.000} | {agreement.APerTheme[t].F1:0.000} | {agreement.BPerTheme[t].F1:0.000} |"));
        }

        s.AppendLine(Invariant($"| **micro** | {held.ThemeMicro.F1:0.000} | {agreement.AMicro.F1:0.000} | {agreement.BMicro.F1:0.000} |"));
        s.AppendLine().AppendLine(Invariant($"The two annotators agree with each other at micro-F1 {agreement.AgainstEachOther.F1:0.000}."));
    }

    private static void Row(StringBuilder s, string name, double classifier, double modelOnly) =>
        s.AppendLine(Invariant($"| {name} | {classifier:0.000} | {modelOnly:0.000} |"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
