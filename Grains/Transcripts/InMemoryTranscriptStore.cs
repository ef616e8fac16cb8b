using System.Collections.Concurrent;

namespace StoriBoard.Transcripts;

/// <summary>The embedded-mode transcript store: same contract as Redis, gone when the process ends.</summary>
public sealed class InMemoryTranscriptStore : ITranscriptStore
{
    private readonly ConcurrentDictionary<string, Transcript> _transcripts = new();

    public Task<AppendResult> Append(MessageView message)
    {
        var transcript = _transcripts.GetOrAdd(message.ConversationId, _ => new Transcript());
        lock (transcript)
        {
            if (message.ClientMessageId is { } clientId && transcript.ByClientId.TryGetValue(clientId, out var existing))
            {
                return Task.FromResult(new AppendResult(existing, Created: false));
            }

            var stored = message with { Seq = transcript.Messages.Count + 1 };
            transcript.Messages.Add(stored);
            if (message.ClientMessageId is { } id)
            {
                transcript.ByClientId[id] = stored;
            }

            return Task.FromResult(new AppendResult(stored, Created: true));
        }
    }

    public Task<IReadOnlyList<MessageView>> After(string conversationId, long afterSeq, int max)
    {
        if (!_transcripts.TryGetValue(conversationId, out var transcript))
        {
            return Task.FromResult<IReadOnlyList<MessageView>>([]);
        }

        lock (transcript)
        {
            var start = (int)Math.Clamp(afterSeq, 0, transcript.Messages.Count);
            var count = Math.Min(max, transcript.Messages.Count - start);
            return Task.FromResult<IReadOnlyList<MessageView>>(transcript.Messages.GetRange(start, count).ToArray());
        }
    }

    public Task Delete(string conversationId)
    {
        _transcripts.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }

    private sealed class Transcript
    {
        public List<MessageView> Messages { get; } = [];

        public Dictionary<string, MessageView> ByClientId { get; } = new(StringComparer.Ordinal);
    }
}
