using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Gateway.Hubs;
using StoriBoard.Telemetry;

namespace StoriBoard.Gateway.Delivery;

/// <summary>
/// This gateway host as the grains see it: one observer that takes events for the participants connected here,
/// queues them and returns at once; loops deliver them to those participants' SignalR connections, each person's in order.
/// </summary>
public sealed class HostEvents : IGatewayObserver
{
    /// <summary>Events each queue holds before it drops its oldest; far above what a host that keeps up ever queues.</summary>
    public const int DefaultQueueCapacity = 4096;

    private const int QueueCount = 8;

    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(1);

    private readonly IHubContext<SeekerHub> _seekers;
    private readonly IHubContext<SupporterHub> _supporters;
    private readonly ILogger<HostEvents> _logger;

    // Several queues, each person always on the same one: their events stay in order, and one slow connection holds
    // up only the people who share its queue.
    private readonly Channel<Pending>[] _queues;

    public HostEvents(
        IHubContext<SeekerHub> seekers,
        IHubContext<SupporterHub> supporters,
        ILogger<HostEvents> logger,
        int queueCapacity = DefaultQueueCapacity)
    {
        (_seekers, _supporters, _logger) = (seekers, supporters, logger);

        // Bounded, dropping the oldest event when full: every message is stored before it is pushed and clients fill
        // gaps with History(afterSeq), so a host that cannot keep up loses only pushes the clients recover, never memory.
        var options = new BoundedChannelOptions(queueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true };
        _queues = Enumerable.Range(0, QueueCount)
            .Select(_ => Channel.CreateBounded<Pending>(options, Dropped))
            .ToArray();
    }

    /// <summary>Identifies this process to the inbox grains.</summary>
    public string HostId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public Task Deliver(string inboxKey, ClientEvent clientEvent)
    {
        var queue = _queues[(uint)StringComparer.Ordinal.GetHashCode(inboxKey) % (uint)_queues.Length];

        // The push happens later on a queue's loop: it keeps the caller's trace so the message's path stays one trace.
        queue.Writer.TryWrite(new Pending(inboxKey, clientEvent, Activity.Current?.Context ?? default));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Tells every client connected here to fetch what it may have missed (History after its last seq): pushes that
    /// went to inboxes on a silo that died were dropped, and nothing else would reveal the gap until the next message.
    /// </summary>
    public async Task CatchUpEveryone(CancellationToken stopping)
    {
        await _seekers.Clients.All.SendAsync(ClientMethods.CatchUp, stopping);
        await _supporters.Clients.All.SendAsync(ClientMethods.CatchUp, stopping);
    }

    /// <summary>Delivers queued events until <paramref name="stopping"/> is cancelled; a loop that fails is logged and restarted.</summary>
    public Task Pump(CancellationToken stopping) => Task.WhenAll(_queues.Select((queue, index) => Pump(index, queue, stopping)));

    private async Task Pump(int index, Channel<Pending> queue, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Drain(queue, stopping);
                return;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Delivery queue {Queue} failed; restarting it", index);
                await Task.Delay(RestartPause, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task Drain(Channel<Pending> queue, CancellationToken stopping)
    {
        await foreach (var (inboxKey, clientEvent, trace) in queue.Reader.ReadAllAsync(stopping))
        {
            using var push = HelplineTraces.Source.StartActivity("push", ActivityKind.Producer, trace);
            push?.SetTag("storiboard.event", clientEvent.Method);
            try
            {
                await ClientsOf(inboxKey).SendAsync(clientEvent.Method, clientEvent.Payload, stopping);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                // Nothing is lost: the message is stored, and the client catches up by seq when it reconnects.
                _logger.LogWarning(
                    exception, "Could not push a {Method} event to {InboxKey} ({EventRef})", clientEvent.Method, inboxKey, Ref(clientEvent));
            }
        }
    }

    private readonly record struct Pending(string InboxKey, ClientEvent Event, ActivityContext Trace);

    private void Dropped(Pending dropped) =>
        _logger.LogWarning(
            "Delivery queue full: dropped the oldest {Method} event for {InboxKey} ({EventRef}); the client catches up by seq",
            dropped.Event.Method, dropped.InboxKey, Ref(dropped.Event));

    /// <summary>Ids that name an event in the log; never its text.</summary>
    private static string Ref(ClientEvent clientEvent) => clientEvent.Payload switch
    {
        MessageView m => $"conversation {m.ConversationId}, seq {m.Seq}",
        ConversationView c => $"conversation {c.ConversationId}",
        OfferView o => $"offer {o.OfferId}, conversation {o.ConversationId}",
        SupporterView s => $"supporter {s.SupporterId}",
        string offerId when clientEvent.Method == ClientMethods.OfferWithdrawn => $"offer {offerId}",
        _ => "-",
    };

    private IClientProxy ClientsOf(string inboxKey)
    {
        var slash = inboxKey.IndexOf('/');
        var (kind, id) = (inboxKey[..slash], inboxKey[(slash + 1)..]);
        return kind == "seeker" ? _seekers.Clients.User(id) : _supporters.Clients.User(id);
    }
}
