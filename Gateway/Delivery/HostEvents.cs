using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Gateway.Delivery;

/// <summary>
/// This gateway host as the grains see it: one observer that takes events for the participants connected here,
/// queues them and returns at once; loops deliver them to those participants' SignalR connections, each person's in order.
/// </summary>
public sealed class HostEvents(
    IHubContext<SeekerHub> seekers,
    IHubContext<SupporterHub> supporters,
    ILogger<HostEvents> logger) : IGatewayObserver
{
    // Several queues, each person always on the same one: their events stay in order, and one slow connection holds
    // up only the people who share its queue.
    private readonly Channel<(string InboxKey, ClientEvent Event)>[] _queues = Enumerable.Range(0, 8)
        .Select(_ => Channel.CreateUnbounded<(string, ClientEvent)>(new UnboundedChannelOptions { SingleReader = true }))
        .ToArray();

    /// <summary>Identifies this process to the inbox grains.</summary>
    public string HostId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public Task Deliver(string inboxKey, ClientEvent clientEvent)
    {
        var queue = _queues[(uint)StringComparer.Ordinal.GetHashCode(inboxKey) % (uint)_queues.Length];
        queue.Writer.TryWrite((inboxKey, clientEvent));
        return Task.CompletedTask;
    }

    public Task Pump(CancellationToken stopping) => Task.WhenAll(_queues.Select(queue => Pump(queue, stopping)));

    private async Task Pump(Channel<(string InboxKey, ClientEvent Event)> queue, CancellationToken stopping)
    {
        await foreach (var (inboxKey, clientEvent) in queue.Reader.ReadAllAsync(stopping))
        {
            try
            {
                await ClientsOf(inboxKey).SendAsync(clientEvent.Method, clientEvent.Payload, stopping);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Nothing is lost: the message is stored, and the client catches up by seq when it reconnects.
                logger.LogWarning(exception, "Could not push a {Method} event", clientEvent.Method);
            }
        }
    }

    private IClientProxy ClientsOf(string inboxKey)
    {
        var slash = inboxKey.IndexOf('/');
        var (kind, id) = (inboxKey[..slash], inboxKey[(slash + 1)..]);
        return kind == "seeker" ? seekers.Clients.User(id) : supporters.Clients.User(id);
    }
}
