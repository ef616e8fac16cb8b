namespace StoriBoard.Transcripts;

/// <summary>
/// Append-only messages per conversation. The store assigns seq 1, 2, 3 … and is idempotent on the client message id;
/// an append costs O(1) however long the conversation.
/// </summary>
public interface ITranscriptStore
{
    /// <summary>
    /// Stores <paramref name="message"/> and returns it as stored; a repeated client message id returns the first.
    /// The message's Seq is the highest seq the caller has seen: the stored one is above both it and the store's own
    /// count, so numbering goes on even if the store's keys expired while the conversation stayed open.
    /// </summary>
    Task<AppendResult> Append(MessageView message);

    Task<IReadOnlyList<MessageView>> After(string conversationId, long afterSeq, int max);

    Task Delete(string conversationId);
}

/// <param name="Created">False when the client message id had been stored before.</param>
public sealed record AppendResult(MessageView Message, bool Created);
