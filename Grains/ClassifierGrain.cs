using Orleans.Concurrency;
using StoriBoard.Classification;

namespace StoriBoard;

/// <summary>The in-process classifier offered to callers outside the silo; one activation per silo core as needed.</summary>
[StatelessWorker]
public sealed class ClassifierGrain(IMessageClassifier classifier) : Grain, IClassifierGrain
{
    public Task<MessageAnalysis> Classify(string text) => Task.FromResult(classifier.Classify(text));
}
