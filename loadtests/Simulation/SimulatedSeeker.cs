using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Simulation;

/// <summary>
/// One help-seeker's visit: an anonymous session, a few messages to the AI, a request for a peer, a chat
/// with the supporter who accepts, then the end. Every send has an intended moment on a schedule drawn in
/// advance; latencies are measured from it, so a gateway that slows the sender is still charged for it.
/// </summary>
public sealed class SimulatedSeeker(LoadContext context)
{
    public const string Role = Names.Seeker;

    /// <summary>How long a seeker waits for the AI's first answer before writing again (then counted as unanswered).</summary>
    private static readonly TimeSpan AiPatience = TimeSpan.FromSeconds(10);
    private readonly TaskCompletionSource<ConversationView> _matched = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<(long Seq, long Arrived)> _aiArrivals = [];
    private HubConnection? _connection;
    private string _conversationId = "";
    private ConversationRegistry.Track? _track;
    private string _status = "";
    private readonly TaskCompletionSource<long> _aiReplied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _firstSeq;
    private long _firstIntended;
    private bool _aiReplyTimed;
    private long _lastSeq;
    private int _peerSent;
    private int _repliesReceived;

    private RunMetrics Metrics => context.Metrics;

    private RunClock Clock => context.Clock;

    /// <param name="intendedStart">When this person was due to arrive; connecting is timed from it.</param>
    /// <param name="wrapUp">Cancelled when the run ends: say nothing more, settle what was said, and leave.</param>
    public async Task RunAsync(long intendedStart, CancellationToken wrapUp)
    {
        Metrics.SeekerStarted();
        var matched = false;
        try
        {
            await ConnectAsync(intendedStart);
            var random = Random.Shared;
            var script = context.Catalog.Draw(random, random.NextDouble() < context.People.RedFlagShare);
            var next = Clock.Now;
            next = await TalkToAiAsync(script, next, wrapUp);
            next = await AskForPeerAsync(next, wrapUp);
            matched = await WaitForMatchAsync(wrapUp);
            if (matched)
            {
                await TalkToPeerAsync(script, next, wrapUp);
            }

            await SettleAsync(matched);
            await Metrics.CallAsync(cancel => _connection!.InvokeAsync<ConversationView>(
                "End", _conversationId, random.Next(3, 6), cancel));
        }
        catch (Exception)
        {
            // Already counted under its code by RunMetrics.CallAsync; this visit simply ends early.
        }
        finally
        {
            context.Registry.Close(_conversationId);
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }

            Metrics.SeekerFinished(matched);
        }
    }

    private async Task ConnectAsync(long intendedStart)
    {
        var session = await Metrics.CallAsync(cancel => context.Http.CreateSessionAsync(cancel));
        _connection = Hubs.Build(context.BaseUrl, Hubs.SeekerPath, session.Token, _ => Metrics.Reconnect());
        _connection.On<MessageView>("Message", OnMessage);
        _connection.On<ConversationView>("Conversation", OnConversation);
        _connection.Reconnected += _ => CatchUpAsync();
        await Metrics.CallAsync(cancel => _connection.StartAsync(cancel));
        Metrics.Latency(MetricNames.Connect).Record(intendedStart, Clock.Now);
        var conversation = await Metrics.CallAsync(cancel => _connection.InvokeAsync<ConversationView>("StartConversation", cancel));
        _conversationId = conversation.ConversationId;
        _track = context.Registry.Open(_conversationId);
        OnConversation(conversation);
    }

    private async Task<long> TalkToAiAsync(SeekerScript script, long next, CancellationToken wrapUp)
    {
        for (var i = 0; i < script.ToAi.Count && !wrapUp.IsCancellationRequested; i++)
        {
            next = Clock.After(next, context.People.SeekerThink.Draw(Random.Shared));
            if (!await WaitAsync(next, wrapUp))
            {
                break;
            }

            if (i == script.RedFlagIndex)
            {
                _track!.PeerNeeded(next);
                Metrics.RedFlagSent();
            }

            var sent = await SendAsync(script.ToAi[i], next, toPeer: false);
            if (i == 0)
            {
                FirstMessageStored(sent.Seq, next);
                // A person reads the answer before writing again: the next message is planned from the reply.
                next = Math.Max(next, await WaitForAiReplyAsync(wrapUp));
            }
        }

        return next;
    }

    private async Task<long> AskForPeerAsync(long next, CancellationToken wrapUp)
    {
        next = Clock.After(next, context.People.SeekerThink.Draw(Random.Shared));
        if (!await WaitAsync(next, wrapUp))
        {
            return next;
        }

        _track!.PeerNeeded(next);
        // A red flag (or moderate risk) has already put the conversation in the queue.
        if (Volatile.Read(ref _status) == "ai")
        {
            OnConversation(await Metrics.CallAsync(cancel => _connection!.InvokeAsync<ConversationView>("RequestPeer", _conversationId, cancel)));
        }

        return next;
    }

    private async Task<bool> WaitForMatchAsync(CancellationToken wrapUp)
    {
        try
        {
            await _matched.Task.WaitAsync(context.People.MatchPatience, wrapUp);
            return true;
        }
        catch (Exception error) when (error is TimeoutException or OperationCanceledException)
        {
            return _matched.Task.IsCompletedSuccessfully;
        }
    }

    private async Task TalkToPeerAsync(SeekerScript script, long next, CancellationToken wrapUp)
    {
        // The first words to the supporter come a moment after they join.
        next = Math.Max(next, Clock.Now);
        foreach (var text in script.ToPeer)
        {
            next = Clock.After(next, context.People.SeekerThink.Draw(Random.Shared));
            if (!await WaitAsync(next, wrapUp))
            {
                return;
            }

            await SendAsync(text, next, toPeer: true);
            Interlocked.Increment(ref _peerSent);
        }
    }

    /// <summary>Waits for the supporter's replies and for every message to land, then checks the transcript.</summary>
    private async Task SettleAsync(bool matched)
    {
        if (matched)
        {
            var deadline = Clock.After(Clock.Now, context.People.DeliveryGrace);
            while (Clock.Now < deadline
                && (Volatile.Read(ref _repliesReceived) < Volatile.Read(ref _peerSent) || Metrics.Ledger.Pending(_conversationId) > 0))
            {
                await Task.Delay(50);
            }
        }

        var transcript = await Metrics.CallAsync(cancel => _connection!.InvokeAsync<MessageView[]>("History", _conversationId, 0L, cancel));
        Metrics.Ledger.Reconcile(_conversationId, transcript, Clock.Now);
    }

    private async Task<MessageView> SendAsync(string text, long intended, bool toPeer)
    {
        var clientMessageId = Guid.NewGuid().ToString("N");
        _track!.Sent(intended);
        if (toPeer)
        {
            Metrics.Ledger.Expect(_conversationId, clientMessageId, MetricNames.SeekerToSupporter, SimulatedSupporter.Role, intended);
        }

        try
        {
            return await Metrics.CallAsync(cancel => _connection!.InvokeAsync<MessageView>("Send", _conversationId, clientMessageId, text, cancel));
        }
        catch
        {
            Metrics.Ledger.Withdraw(clientMessageId);
            throw;
        }
    }

    private void OnMessage(MessageView message)
    {
        var arrived = Clock.Now;
        InterlockedMax(ref _lastSeq, message.Seq);
        if (message.Sender == Names.Ai)
        {
            AiArrived(message.Seq, arrived);
        }
        else if (message.Sender == Names.Supporter && Metrics.Ledger.Received(message, Role, arrived) == Receipt.First)
        {
            Interlocked.Increment(ref _repliesReceived);
        }
    }

    private void OnConversation(ConversationView conversation)
    {
        if (conversation.ConversationId != _conversationId && _conversationId.Length > 0)
        {
            return;
        }

        Volatile.Write(ref _status, conversation.Status);
        if (conversation.Status == Names.Peer && _matched.TrySetResult(conversation) && _track?.NeededAt is { } needed)
        {
            Metrics.Latency(MetricNames.Match(conversation.Risk, _track.AllBusyFor(conversation.Risk))).Record(needed, Clock.Now);
        }
    }

    /// <summary>After a reconnect, History brings exactly what was missed; duplicates drop out by message id.</summary>
    private async Task CatchUpAsync()
    {
        if (_connection is null || _conversationId.Length == 0)
        {
            return;
        }

        try
        {
            var missed = await Metrics.CallAsync(cancel => _connection.InvokeAsync<MessageView[]>("History", _conversationId, Interlocked.Read(ref _lastSeq), cancel));
            foreach (var message in missed)
            {
                OnMessage(message);
            }
        }
        catch (Exception)
        {
            // Counted; the final reconciliation still tells late from lost.
        }
    }

    // The AI's reply to the first message is timed from that message's intended moment. It may be pushed
    // before the seeker's own Send has returned its seq: both orders are handled.
    private void FirstMessageStored(long seq, long intended)
    {
        lock (_lock)
        {
            _firstSeq = seq;
            _firstIntended = intended;
            TimeAiReply();
        }
    }

    private async Task<long> WaitForAiReplyAsync(CancellationToken wrapUp)
    {
        try
        {
            return await _aiReplied.Task.WaitAsync(AiPatience, wrapUp);
        }
        catch (TimeoutException)
        {
            Metrics.AiUnanswered();
            return Clock.Now;
        }
        catch (OperationCanceledException)
        {
            return Clock.Now;
        }
    }

    private void AiArrived(long seq, long arrived)
    {
        lock (_lock)
        {
            _aiArrivals.Add((seq, arrived));
            TimeAiReply();
        }
    }

    private void TimeAiReply()
    {
        if (_aiReplyTimed || _firstSeq == 0)
        {
            return;
        }

        foreach (var (_, arrived) in _aiArrivals.Where(a => a.Seq > _firstSeq).OrderBy(a => a.Seq).Take(1))
        {
            _aiReplyTimed = true;
            Metrics.Latency(MetricNames.AiFirstReply).Record(_firstIntended, arrived);
            _aiReplied.TrySetResult(arrived);
        }
    }

    private async Task<bool> WaitAsync(long intended, CancellationToken wrapUp)
    {
        try
        {
            await Clock.WaitUntilAsync(intended, wrapUp);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
