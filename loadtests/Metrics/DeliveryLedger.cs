using System.Collections.Concurrent;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Metrics;

/// <summary>What became of one received message, after de-duplication by message id.</summary>
public enum Receipt
{
    /// <summary>Not a message this run is waiting for (the AI's, the system's, or the sender's own copy).</summary>
    Untracked,
    First,
    /// <summary>The same stored message pushed again: at-least-once delivery, dropped by its message id.</summary>
    Redelivered,
    /// <summary>A second stored copy of one send: a real duplicate.</summary>
    Duplicated,
}

/// <summary>
/// Checks every peer message: each one sent must reach the other side exactly once. Sends are written
/// down before they go (the push can overtake the send's own answer); receipts are matched by client
/// message id; what never arrived is looked up in the transcript to tell "late" (stored, push missed)
/// from "lost" (acknowledged, yet not stored).
/// </summary>
public sealed class DeliveryLedger(RunMetrics metrics)
{
    // Sized up front: growing these tables mid-run allocates large arrays, and the full collections those
    // bring would pause the harness inside the measurement.
    private readonly ConcurrentDictionary<string, Expected> _byClientId = new(Environment.ProcessorCount, 1 << 16);
    private readonly ConcurrentDictionary<string, ConcurrentBag<Expected>> _byConversation = new(Environment.ProcessorCount, 1 << 12);
    private long _sent;
    private long _delivered;
    private long _redelivered;
    private long _duplicated;
    private long _late;
    private long _lost;
    private long _unverified;

    public void Expect(string conversationId, string clientMessageId, string metric, string receiver, long intendedTimestamp)
    {
        var expected = new Expected(clientMessageId, metric, receiver, intendedTimestamp);
        _byClientId[clientMessageId] = expected;
        _byConversation.GetOrAdd(conversationId, static _ => []).Add(expected);
        Interlocked.Increment(ref _sent);
    }

    /// <summary>A send the gateway refused: the sender knows, so it is an error, not a loss.</summary>
    public void Withdraw(string clientMessageId)
    {
        if (_byClientId.TryRemove(clientMessageId, out var expected))
        {
            expected.Withdrawn = true;
            Interlocked.Decrement(ref _sent);
        }
    }

    public Receipt Received(MessageView message, string receiver, long arrivedTimestamp)
    {
        if (message.ClientMessageId is null
            || !_byClientId.TryGetValue(message.ClientMessageId, out var expected)
            || expected.Receiver != receiver)
        {
            return Receipt.Untracked;
        }

        lock (expected)
        {
            if (expected.MessageId is null)
            {
                expected.MessageId = message.MessageId;
                Interlocked.Increment(ref _delivered);
                metrics.Latency(expected.Metric).Record(expected.Intended, arrivedTimestamp);
                return Receipt.First;
            }

            if (expected.MessageId == message.MessageId)
            {
                Interlocked.Increment(ref _redelivered);
                return Receipt.Redelivered;
            }

            Interlocked.Increment(ref _duplicated);
            return Receipt.Duplicated;
        }
    }

    /// <summary>Messages of a conversation still on their way.</summary>
    public int Pending(string conversationId) =>
        _byConversation.TryGetValue(conversationId, out var all) ? all.Count(e => e.MessageId is null && !e.Withdrawn) : 0;

    /// <summary>Settles a conversation against its transcript (History from seq 0) once its sends are done.</summary>
    public void Reconcile(string conversationId, IReadOnlyList<MessageView> transcript, long now)
    {
        if (!_byConversation.TryRemove(conversationId, out var all))
        {
            return;
        }

        var stored = transcript.Where(m => m.ClientMessageId is not null)
            .GroupBy(m => m.ClientMessageId!)
            .ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).Distinct().Count());
        foreach (var expected in all.Where(e => !e.Withdrawn))
        {
            _byClientId.TryRemove(expected.ClientMessageId, out _);
            stored.TryGetValue(expected.ClientMessageId, out var copies);
            if (copies > 1)
            {
                Interlocked.Add(ref _duplicated, copies - 1);
            }

            lock (expected)
            {
                if (expected.MessageId is not null)
                {
                    continue;
                }

                if (copies > 0)
                {
                    // Stored but never pushed: the person gets it only by asking History, so its
                    // latency is the time until now.
                    Interlocked.Increment(ref _late);
                    metrics.Latency(expected.Metric).Record(expected.Intended, now);
                }
                else
                {
                    Interlocked.Increment(ref _lost);
                }
            }
        }
    }

    /// <summary>At the end of a run: conversations never reconciled (their seeker failed) cannot be proven either way.</summary>
    public void CloseUnreconciled()
    {
        foreach (var conversationId in _byConversation.Keys)
        {
            if (_byConversation.TryRemove(conversationId, out var all))
            {
                Interlocked.Add(ref _unverified, all.Count(e => e.MessageId is null && !e.Withdrawn));
            }
        }
    }

    public DeliveryCounts Snapshot() => new(
        Interlocked.Read(ref _sent), Interlocked.Read(ref _delivered), Interlocked.Read(ref _redelivered),
        Interlocked.Read(ref _duplicated), Interlocked.Read(ref _late), Interlocked.Read(ref _lost),
        Interlocked.Read(ref _unverified));

    private sealed class Expected(string clientMessageId, string metric, string receiver, long intended)
    {
        public string ClientMessageId { get; } = clientMessageId;

        public string Metric { get; } = metric;

        public string Receiver { get; } = receiver;

        public long Intended { get; } = intended;

        public string? MessageId { get; set; }

        public bool Withdrawn { get; set; }
    }
}

/// <summary>Peer messages: sent, delivered once, pushed again (dropped), stored twice, late, lost, unverifiable.</summary>
public sealed record DeliveryCounts(long Sent, long Delivered, long Redelivered, long Duplicated, long Late, long Lost, long Unverified);
