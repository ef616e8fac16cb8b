namespace StoriBoard.Transcripts;

/// <summary>
/// Append-only messages per conversation. The store assigns seq 1, 2, 3 … and is idempotent on the client message id;
/// an append costs O(1) however long the conversation.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>Stores <paramref name="message"/> (its Seq is ignored) and returns it as stored; a repeated client message id returns the first.</summary>
    Task<AppendResult> Append(MessageView message);

    Task<IReadOnlyList<MessageView>> After(string conversationId, long afterSeq, int max);

    Task Delete(string conversationId);
}

/// <param name="Created">False when the client message id had been stored before.</param>
public sealed record AppendResult(MessageView Message, bool Created);
