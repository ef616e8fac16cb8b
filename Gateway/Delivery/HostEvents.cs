using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Gateway.Delivery;

/// <summary>
/// This gateway host as the grains see it: one observer that takes events for the participants connected here,
/// queues them and returns at once; a loop delivers them to those participants' SignalR connections, in order.
/// </summary>
public sealed class HostEvents(
    IHubContext<SeekerHub> seekers,
    IHubContext<SupporterHub> supporters,
    ILogger<HostEvents> logger) : IGatewayObserver
{
    private readonly Channel<(string InboxKey, ClientEvent Event)> _queue =
        Channel.CreateUnbounded<(string, ClientEvent)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Identifies this process to the inbox grains.</summary>
    public string HostId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public Task Deliver(string inboxKey, ClientEvent clientEvent)
    {
        _queue.Writer.TryWrite((inboxKey, clientEvent));
        return Task.CompletedTask;
    }

    public async Task Pump(CancellationToken stopping)
    {
        await foreach (var (inboxKey, clientEvent) in _queue.Reader.ReadAllAsync(stopping))
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
