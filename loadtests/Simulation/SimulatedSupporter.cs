using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Simulation;

/// <summary>
/// One peer supporter on shift: online, accepts offers after a human pause, answers each message of the
/// person they talk with after a moment of reading and typing.
/// </summary>
public sealed class SimulatedSupporter(LoadContext context, NewSupporter profile) : IAsyncDisposable
{
    public const string Role = Names.Supporter;
    private readonly ConcurrentDictionary<string, long> _lastSeqByConversation = new();
    private readonly ConcurrentDictionary<string, bool> _withdrawnOffers = new();
    private readonly ConcurrentDictionary<string, bool> _ended = new();
    private readonly ConcurrentDictionary<string, bool> _active = new();
    private readonly ConcurrentDictionary<string, bool> _openOffers = new();
    private readonly ConcurrentDictionary<Task, bool> _pending = new();
    private HubConnection? _connection;
    private volatile bool _online;

    private RunMetrics Metrics => context.Metrics;

    public bool CrisisTrained => profile.CrisisTrained;

    /// <summary>Online with a free place, as far as this supporter's own console shows: an open offer holds a place too.</summary>
    public bool HasRoom => _online && _active.Count + _openOffers.Count < profile.MaxConcurrentChats;

    public async Task StartAsync()
    {
        var created = await Metrics.CallAsync(cancel => context.Http.CreateSupporterAsync(profile, cancel));
        _connection = Hubs.Build(context.BaseUrl, Hubs.SupporterPath, created.Token, _ => Metrics.Reconnect());
        _connection.On<OfferView>("Offer", OnOffer);
        _connection.On<string>("OfferWithdrawn", offerId =>
        {
            _withdrawnOffers[offerId] = true;
            _openOffers.TryRemove(offerId, out _);
        });
        _connection.On<MessageView>("Message", OnMessage);
        _connection.On<ConversationView>("Conversation", OnConversation);
        _connection.Reconnected += _ => CatchUpAsync();
        await Metrics.CallAsync(cancel => _connection.StartAsync(cancel));
        await Metrics.CallAsync(cancel => _connection.InvokeAsync<SupporterView>("SetAvailability", Names.Online, cancel));
        _online = true;
        Metrics.SupporterOnline();
    }

    private void OnOffer(OfferView offer)
    {
        Metrics.OfferReceived();
        _openOffers[offer.OfferId] = true;
        context.Registry.OfferArrived(offer, context.Clock.Now);
        Track(AcceptLaterAsync(offer));
    }

    private async Task AcceptLaterAsync(OfferView offer)
    {
        try
        {
            await Task.Delay(context.People.SupporterAccept.Draw(Random.Shared));
            if (_withdrawnOffers.TryRemove(offer.OfferId, out _) || _connection is null)
            {
                return;
            }

            Metrics.CountOperation();
            using var timeout = new CancellationTokenSource(RunMetrics.CallTimeout);
            var conversation = await _connection.InvokeAsync<ConversationView>("Accept", offer.OfferId, timeout.Token);
            _lastSeqByConversation.TryAdd(conversation.ConversationId, 0);
            _active[conversation.ConversationId] = true;
        }
        catch (Exception error)
        {
            // Another supporter was quicker, or the offer expired: matching at work, not a failure.
            Metrics.AcceptRejected(GatewayException.CodeOf(error));
        }
        finally
        {
            // The place the offer held is now a chat, or free again.
            _openOffers.TryRemove(offer.OfferId, out _);
        }
    }

    private void OnMessage(MessageView message)
    {
        var arrived = context.Clock.Now;
        _lastSeqByConversation.AddOrUpdate(message.ConversationId, message.Seq, (_, seq) => Math.Max(seq, message.Seq));
        // Answer each seeker message once, however often it is pushed.
        if (message.Sender == Names.Seeker && Metrics.Ledger.Received(message, Role, arrived) == Receipt.First)
        {
            Track(ReplyLaterAsync(message.ConversationId, arrived));
        }
    }

    private async Task ReplyLaterAsync(string conversationId, long arrived)
    {
        var intended = context.Clock.After(arrived, context.People.SupporterReply.Draw(Random.Shared));
        await context.Clock.WaitUntilAsync(intended, CancellationToken.None);
        if (_ended.ContainsKey(conversationId))
        {
            // The person left while the reply was being typed: nobody sends to a closed chat.
            return;
        }

        var clientMessageId = Guid.NewGuid().ToString("N");
        Metrics.Ledger.Expect(conversationId, clientMessageId, MetricNames.SupporterToSeeker, SimulatedSeeker.Role, intended);
        try
        {
            await Metrics.CallAsync(
                cancel => _connection!.InvokeAsync<MessageView>("Send", conversationId, clientMessageId, context.Catalog.Reply(Random.Shared), cancel),
                closedMeanwhile: code => ClosedMeanwhile(conversationId, code));
        }
        catch (Exception)
        {
            Metrics.Ledger.Withdraw(clientMessageId);
        }
    }

    /// <summary>A refusal of a reply is a race when the chat's end reaches this supporter within a few seconds.</summary>
    private async Task<bool> ClosedMeanwhile(string conversationId, string code)
    {
        if (code is not ("conflict" or "forbidden"))
        {
            return false;
        }

        for (var waited = 0; waited < 50 && !_ended.ContainsKey(conversationId); waited++)
        {
            await Task.Delay(100);
        }

        return _ended.ContainsKey(conversationId);
    }

    private void OnConversation(ConversationView conversation)
    {
        if (conversation.Status == Names.Ended)
        {
            _ended[conversation.ConversationId] = true;
            _active.TryRemove(conversation.ConversationId, out _);
            _lastSeqByConversation.TryRemove(conversation.ConversationId, out _);
        }
    }

    /// <summary>After a reconnect, each open conversation's History brings what was missed.</summary>
    private async Task CatchUpAsync()
    {
        foreach (var (conversationId, lastSeq) in _lastSeqByConversation)
        {
            try
            {
                var missed = await Metrics.CallAsync(cancel => _connection!.InvokeAsync<MessageView[]>("History", conversationId, lastSeq, cancel));
                foreach (var message in missed)
                {
                    OnMessage(message);
                }
            }
            catch (Exception)
            {
                // Counted; the seeker's reconciliation still tells late from lost.
            }
        }
    }

    private void Track(Task task)
    {
        _pending[task] = true;
        task.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Finishes pending replies, goes offline and disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_pending.Keys);
        if (_connection is null)
        {
            return;
        }

        if (_online)
        {
            try
            {
                await Metrics.CallAsync(cancel => _connection.InvokeAsync<SupporterView>("SetAvailability", Names.Offline, cancel));
            }
            catch (Exception)
            {
                // Counted; disconnecting takes the supporter offline anyway.
            }

            Metrics.SupporterOffline();
        }

        await _connection.DisposeAsync();
    }
}
