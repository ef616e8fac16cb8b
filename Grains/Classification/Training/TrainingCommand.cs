using System.Diagnostics;
using Microsoft.ML;

namespace StoriBoard.Classification.Training;

/// <summary>
/// <c>dotnet run --project Silo -- train [--repo PATH]</c>: trains the classifier from
/// <c>data/corpus/train-*.jsonl</c>, writes <c>models/</c>, and reports on <c>data/corpus/heldout-*.jsonl</c>
/// in <c>docs/classifier-report.md</c>.
/// </summary>
public static class TrainingCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        try
        {
            var repo = RepoRoot(args);
            var corpusDirectory = Path.Combine(repo, "data", "corpus");
            var trainFiles = Corpus.Files(corpusDirectory, "train");
            var heldOutFiles = Corpus.Files(corpusDirectory, "heldout");
            if (trainFiles.Length == 0)
            {
                Console.Error.WriteLine($"No training files (train-*.jsonl) in {corpusDirectory}.");
                return Task.FromResult(2);
            }

            var clock = Stopwatch.StartNew();
            var train = Corpus.Read(trainFiles);
            var heldOut = Corpus.Read(heldOutFiles);
            Console.WriteLine($"Training on {train.Count} messages from {trainFiles.Length} files; {heldOut.Count} held out.");

            var trained = new ModelTrainer().Train(train, Console.WriteLine);
            var modelDirectory = Path.Combine(repo, "models");
            Save(trained, modelDirectory);
            var trainingTime = clock.Elapsed;
            Console.WriteLine($"Models written to {modelDirectory} in {trainingTime.TotalSeconds:0.0} s.");

            var idiomFile = Corpus.Read(heldOutFiles.Where(f => Path.GetFileName(f).StartsWith("heldout-idioms", StringComparison.Ordinal)))
                .Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
            var withLexicon = HeldOutEvaluation.Run(new MlMessageClassifier(modelDirectory, SafetyLexicon.Default), heldOut, idiomFile, SafetyLexicon.Default);
            var modelOnly = HeldOutEvaluation.Run(new MlMessageClassifier(modelDirectory, new SafetyLexicon([], [])), heldOut, idiomFile, SafetyLexicon.Default);
            var reportPath = Path.Combine(repo, "docs", "classifier-report.md");
            ClassifierReport.Write(reportPath, new ClassifierReport.Inputs(trained, train.Count, heldOut.Count, trainFiles.Length, withLexicon, modelOnly, trainingTime));
            Console.WriteLine(
                $"Held out: red-flag recall {withLexicon.RedFlag.Recall:0.000}, precision {withLexicon.RedFlag.Precision:0.000}; risk macro-F1 {withLexicon.RiskMacroF1:0.000}; " +
                $"themes micro-F1 {withLexicon.ThemeMicro.F1:0.000}, macro-F1 {withLexicon.ThemeMacroF1:0.000}. Report: {reportPath}");
            return Task.FromResult(0);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"Training failed: {e.Message}");
            return Task.FromResult(1);
        }
    }

    public static void Save(TrainedClassifier trained, string modelDirectory)
    {
        Directory.CreateDirectory(modelDirectory);
        new MLContext().Model.Save(trained.Model, trained.InputSchema, Path.Combine(modelDirectory, ClassifierSettings.ModelFileName));
        File.WriteAllText(Path.Combine(modelDirectory, ClassifierSettings.SettingsFileName), trained.Settings.ToJson());
        trained.Heads.Save(Path.Combine(modelDirectory, LinearHeads.FileName));
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
