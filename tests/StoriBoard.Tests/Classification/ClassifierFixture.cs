using System.Runtime.CompilerServices;
using StoriBoard.Classification;
using StoriBoard.Classification.Training;

namespace StoriBoard.Tests.Classification;

/// <summary>The shipped models, loaded once for the classifier tests, and the held-out splits they are judged on.</summary>
public sealed class ClassifierFixture
{
    public MlMessageClassifier Classifier { get; } = new(MlMessageClassifier.DefaultModelDirectory, SafetyLexicon.Default);

    public MlMessageClassifier ModelOnly { get; } = new(MlMessageClassifier.DefaultModelDirectory, new SafetyLexicon([], []));

    public IReadOnlyList<LabelledMessage> HeldOut { get; } = Corpus.Read(Corpus.Files(Path.Combine(RepoRoot(), "data", "corpus"), "heldout"));

    // The corpus is found from this file's place in the repository, wherever the tests are built.
    private static string RepoRoot([CallerFilePath] string source = "")
    {
        for (var directory = new DirectoryInfo(Path.GetDirectoryName(source)!); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StoriBoard.Grains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (StoriBoard.Grains.sln) is not above the test sources.");
    }
}
