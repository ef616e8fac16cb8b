using System.Diagnostics;
using Microsoft.ML;

namespace StoriBoard.Classification.Training;

/// <summary>
/// Trains the classifier from <c>data/corpus/train-*.jsonl</c>, writes <c>models/</c>, and reports on
/// <c>data/corpus/heldout-*.jsonl</c> in <c>docs/classifier-report.md</c>. Strangers' words are scored by <c>--eval</c>.
/// </summary>
public static class TrainingCommand
{
    private const string Usage = """
        dotnet run -c Release --project tools/Training -- [--repo PATH] [--probe [--featurisers]]

          (no option)    train from data/corpus/train-*.jsonl, write models/ and docs/classifier-report.md
          --repo PATH    the repository to read from and write to (default: the nearest folder up from here
                         that holds StoriBoard.Grains.sln)
          --probe        time the shipped models over the held-out texts; trains and writes nothing
          --featurisers  with --probe, also time each candidate featuriser
          --eval [DIR]   score an evaluation folder (default data/eval) with the shipped models: its messages
                         (messages*.jsonl, trapwords*.jsonl) each as a first turn, and its dialogues
                         (dialogues*.jsonl) replayed through the conversations' turn judgement; trains and
                         writes nothing
          --kinds-unseen PREFIX
                         for each kinds file named PREFIX-*.jsonl, how often its kinds are read right by a kind
                         model that never saw it: one trained without any such file, one trained on the others;
                         then the other kind lines, 5 folds, without and with those files; trains and writes nothing
          --languages    time the language reading over the held-out texts and the evaluation folders' messages,
                         and measure its memory (--high-accuracy: in the detector's high-accuracy mode);
                         trains and writes nothing
          --help         this text
        """;

    public static int Run(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        // An unknown or misspelt option must not start five minutes of training that overwrites the models.
        if (Unknown(args) is { } unknown)
        {
            Console.Error.WriteLine($"Unknown option '{unknown}'.");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var repo = RepoRoot(args);
            var corpusDirectory = Path.Combine(repo, "data", "corpus");
            var trainFiles = Corpus.Files(corpusDirectory, "train");
            var heldOutFiles = Corpus.Files(corpusDirectory, "heldout");
            if (trainFiles.Length == 0)
            {
                Console.Error.WriteLine($"No training files (train-*.jsonl) in {corpusDirectory}.");
                return 2;
            }

            if (Array.IndexOf(args, "--eval") is >= 0 and var at)
            {
                var folder = at + 1 < args.Length && !args[at + 1].StartsWith("--", StringComparison.Ordinal)
                    ? Path.GetFullPath(args[at + 1])
                    : Path.Combine(repo, "data", "eval");
                Console.WriteLine(ScoreEvaluation(repo, folder));
                return 0;
            }

            if (Array.IndexOf(args, "--kinds-unseen") is >= 0 and var kindsAt)
            {
                var prefix = kindsAt + 1 < args.Length ? args[kindsAt + 1] : throw new ArgumentException("--kinds-unseen needs a file prefix.");
                KindsUnseen(corpusDirectory, trainFiles, prefix);
                return 0;
            }

            if (args.Contains("--languages"))
            {
                var evaluation = Directory.GetFiles(Path.Combine(repo, "data", "eval"), "messages*.jsonl", SearchOption.AllDirectories);
                var evaluationTexts = evaluation.SelectMany(File.ReadLines).Where(l => l.Length > 0)
                    .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!);
                LanguageProbe.Run(repo, [.. Corpus.Read(heldOutFiles).Select(m => m.Text), .. evaluationTexts], args.Contains("--high-accuracy"));
                return 0;
            }

            if (args.Contains("--probe"))
            {
                // The shipped models only: a quick sequential latency and all-cores throughput probe over the held-out texts.
                Probe(new MlMessageClassifier(Path.Combine(repo, "models"), SafetyLexicon.Default), Corpus.Read(heldOutFiles).Select(m => m.Text).ToArray());
                if (args.Contains("--featurisers"))
                {
                    ProbeFeaturisers(Corpus.Read(trainFiles), Corpus.Read(heldOutFiles).Select(m => m.Text).ToArray());
                }

                return 0;
            }

            var clock = Stopwatch.StartNew();
            var train = Corpus.Read(trainFiles);
            var heldOut = Corpus.Read(heldOutFiles);
            Console.WriteLine($"Training on {train.Count} messages from {trainFiles.Length} files; {heldOut.Count} held out.");

            var trained = new ModelTrainer().Train(train, Console.WriteLine);
            var modelDirectory = Path.Combine(repo, "models");
            Save(trained, modelDirectory);
            var kinds = new KindTrainer().Train([.. Corpus.Read(Corpus.Files(corpusDirectory, "kinds")), .. train], Console.WriteLine);
            SaveKinds(kinds, modelDirectory);
            var trainingTime = clock.Elapsed;
            Console.WriteLine($"Models written to {modelDirectory} in {trainingTime.TotalSeconds:0.0} s.");

            var idiomFile = Corpus.Read(heldOutFiles.Where(f => Path.GetFileName(f).StartsWith("heldout-idioms", StringComparison.Ordinal)))
                .Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
            var shipped = new MlMessageClassifier(modelDirectory, SafetyLexicon.Default);
            var withLexicon = HeldOutEvaluation.Run(shipped, heldOut, idiomFile, SafetyLexicon.Default);
            var modelOnly = HeldOutEvaluation.Run(new MlMessageClassifier(modelDirectory, new SafetyLexicon([], [])), heldOut, idiomFile, SafetyLexicon.Default);
            var reportPath = Path.Combine(repo, "docs", "classifier-report.md");
            var agreement = AnnotatorAgreement.Read(Path.Combine(repo, "data", "labelling", "heldout-annotations.jsonl"), heldOutFiles, heldOut);
            ClassifierReport.Write(reportPath, new ClassifierReport.Inputs(trained, train.Count, heldOut.Count, trainFiles.Length, withLexicon, modelOnly, agreement, kinds?.Scores, trainingTime));
            Console.WriteLine(
                $"Held out: red-flag recall {withLexicon.RedFlag.Recall:0.000}, precision {withLexicon.RedFlag.Precision:0.000}; risk macro-F1 {withLexicon.RiskMacroF1:0.000}; " +
                $"themes micro-F1 {withLexicon.ThemeMicro.F1:0.000}, macro-F1 {withLexicon.ThemeMacroF1:0.000}. Report: {reportPath}");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"Training failed: {e.Message}");
            return 1;
        }
    }

    private static void ProbeFeaturisers(IReadOnlyList<LabelledMessage> train, string[] texts)
    {
        foreach (var featurisation in Candidates.Featurisations)
        {
            var ml = new MLContext(1);
            var model = featurisation.Build(ml, ModelColumns.Features).Fit(ml.Data.LoadFromEnumerable(train.Select(m => new ModelInput { Text = m.Text }).ToArray()));
            var engine = ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
            var input = new ModelInput();
            var output = new ModelOutput();
            var clock = Stopwatch.StartNew();
            for (var pass = 0; pass < 3; pass++)
            {
                foreach (var text in texts)
                {
                    input.Text = text;
                    engine.Predict(input, ref output);
                }
            }

            Console.WriteLine($"{featurisation.Name}: {clock.Elapsed.TotalMicroseconds / (3 * texts.Length):0.0} µs per message, width {output.Features.Length}");
        }
    }

    private static void Probe(MlMessageClassifier classifier, string[] texts)
    {
        foreach (var text in texts)
        {
            classifier.Classify(text);
        }

        var times = new List<double>();
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var text in texts)
            {
                var start = Stopwatch.GetTimestamp();
                classifier.Classify(text);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        times.Sort();
        var lexicon = Stopwatch.StartNew();
        foreach (var text in texts)
        {
            SafetyLexicon.Default.Assess(text);
        }

        var lexiconMicros = lexicon.Elapsed.TotalMicroseconds / texts.Length;
        double Best(Action<string> action)
        {
            var best = double.MaxValue;
            for (var pass = 0; pass < 5; pass++)
            {
                var c = Stopwatch.StartNew();
                foreach (var text in texts)
                {
                    action(text);
                }

                best = Math.Min(best, c.Elapsed.TotalMicroseconds / texts.Length);
            }

            return best;
        }

        var keywordBuffer = new float[ThemeKeywords.Count];
        Console.WriteLine(
            $"best of 5 passes, per message: lexicon {Best(t => SafetyLexicon.Default.Assess(t)):0.0} µs, theme words {Best(t => ThemeKeywords.Read(t, keywordBuffer)):0.0} µs, " +
            $"whole classifier {Best(t => classifier.Classify(t)):0.0} µs");
        const int Messages = 40_000;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Messages, i => classifier.Classify(texts[i % texts.Length]));
        var rate = Messages / clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"sequential: p50 {times[times.Count / 2]:0.0} µs, p99 {times[(int)(times.Count * 0.99)]:0.0} µs, mean {times.Average():0.0} µs " +
            $"(lexicon alone {lexiconMicros:0.0} µs); all cores: {rate:0} msg/s on {Environment.ProcessorCount} cores");
    }

    private static void Save(TrainedClassifier trained, string modelDirectory)
    {
        Directory.CreateDirectory(modelDirectory);
        new MLContext().Model.Save(trained.Model, trained.InputSchema, Path.Combine(modelDirectory, ClassifierSettings.ModelFileName));
        File.WriteAllText(Path.Combine(modelDirectory, ClassifierSettings.SettingsFileName), trained.Settings.ToJson());
        trained.Heads.Save(Path.Combine(modelDirectory, LinearHeads.FileName));
    }

    /// <summary>The kind model beside the others; none trained means none shipped (a stale one would not match the corpus).</summary>
    private static void SaveKinds((ITransformer Model, DataViewSchema Schema, KindScores Scores)? kinds, string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, KindModel.FileName);
        if (kinds is { } trained)
        {
            new MLContext().Model.Save(trained.Model, trained.Schema, path);
        }
        else
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// An evaluation folder's messages, each as a first turn, and its dialogues replayed as the helpline asks and with
    /// the writers' questions put in.
    /// </summary>
    public static string ScoreEvaluation(string repo, string folder)
    {
        var reader = new Conversations.SeekerTurnReader(
            new MultilingualClassifier(new MlMessageClassifier(Path.Combine(repo, "models"), SafetyLexicon.Default)));
        string[] Files(string pattern) => Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).ToArray();
        var messages = Files("messages*.jsonl").Concat(Files("trapwords*.jsonl")).Select(f => MessageEvaluation.Score(reader, f)).ToList();
        var dialogues = Files("dialogues*.jsonl");
        var parts = new List<string>();
        if (messages.Count > 0)
        {
            parts.Add(MessageEvaluation.Markdown(messages));
        }

        if (dialogues.Length > 0)
        {
            parts.Add(DialogueEvaluation.Markdown(
                DialogueEvaluation.Score(reader, dialogues, writersQuestions: false),
                DialogueEvaluation.Score(reader, dialogues, writersQuestions: true)));
        }

        return parts.Count > 0 ? string.Join("\n\n", parts) : $"No messages*.jsonl, trapwords*.jsonl or dialogues*.jsonl in {folder}.";
    }

    /// <summary>Whether a group of kind-labelled files would teach the kind model something it reads in new writers.</summary>
    private static void KindsUnseen(string corpusDirectory, string[] trainFiles, string prefix)
    {
        var group = Directory.GetFiles(corpusDirectory, prefix + "-*.jsonl").Order(StringComparer.Ordinal).ToArray();
        if (group.Length == 0)
        {
            throw new ArgumentException($"No files {prefix}-*.jsonl in {corpusDirectory}.");
        }

        var before = Corpus.Read([.. Corpus.Files(corpusDirectory, "kinds").Except(group), .. trainFiles]).Where(m => m.Kind is not null).ToList();
        var groupLines = group.ToDictionary(f => f, f => Corpus.Read([f]).Where(m => m.Kind is not null).ToList());
        var trainer = new KindTrainer();
        Console.WriteLine($"| kinds read right | kind lines without {prefix}-* ({before.Count}) | with the group's other files |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (file, lines) in groupLines)
        {
            var others = groupLines.Where(g => g.Key != file).SelectMany(g => g.Value).ToList();
            Console.WriteLine($"| {Path.GetFileName(file)} ({lines.Count}) | {trainer.UnseenAccuracy(before, lines):0.000} | {trainer.UnseenAccuracy([.. before, .. others], lines):0.000} |");
        }

        const int folds = 5;
        var all = groupLines.Values.SelectMany(l => l).ToList();
        double without = 0, with = 0;
        for (var fold = 0; fold < folds; fold++)
        {
            var train = before.Where((_, i) => i % folds != fold).ToList();
            var test = before.Where((_, i) => i % folds == fold).ToList();
            without += trainer.UnseenAccuracy(train, test) * test.Count;
            with += trainer.UnseenAccuracy([.. train, .. all], test) * test.Count;
        }

        Console.WriteLine($"| the {before.Count} other lines, {folds} folds (with all of the group in training) | {without / before.Count:0.000} | {with / before.Count:0.000} |");
    }

    private static string? Unknown(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--repo":
                    i++;
                    break;
                case "--eval" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    i++;
                    break;
                case "--kinds-unseen":
                    i++;
                    break;
                case "--probe" or "--featurisers" or "--eval" or "--languages" or "--high-accuracy":
                    break;
                default:
                    return args[i];
            }
        }

        return null;
    }

    private static string RepoRoot(string[] args)
    {
        var at = Array.IndexOf(args, "--repo");
        if (at >= 0)
        {
            return at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : throw new ArgumentException("--repo needs a path.");
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StoriBoard.Grains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new ArgumentException("Cannot find the repository root (the folder holding StoriBoard.Grains.sln); pass --repo PATH.");
    }
}
