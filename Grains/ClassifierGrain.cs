using Orleans.Concurrency;
using StoriBoard.Conversations;

namespace StoriBoard;

/// <summary>The in-process classifier offered to callers outside the silo; one activation per silo core as needed.</summary>
[StatelessWorker]
public sealed class ClassifierGrain(SeekerTurnReader turns) : Grain, IClassifierGrain
{
    /// <summary>One message alone, with its red flag's kind, as a conversation reads it before its context.</summary>
    public Task<MessageAnalysis> Classify(string text) => Task.FromResult(turns.Read(text));
}
