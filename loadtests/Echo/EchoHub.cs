using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Echo;

/// <summary>
/// The physical reference: what a bare SignalR hub on this machine costs to relay a message from one
/// person to the other. The same shape as the gateway's Send (a numbered message returned to the sender
/// and pushed to the other side), without Orleans, ML or storage.
/// </summary>
public sealed class EchoHub(EchoSequences sequences) : Hub
{
    public const string Path = "/hubs/echo";

    public Task Join(string pairId) => Groups.AddToGroupAsync(Context.ConnectionId, pairId);

    public async Task<MessageView> Send(string pairId, string clientMessageId, string text)
    {
        var message = new MessageView(pairId, sequences.Next(pairId), Guid.NewGuid().ToString("N"), clientMessageId,
            Names.Peer, text, DateTimeOffset.UtcNow);
        await Clients.OthersInGroup(pairId).SendAsync("Message", message);
        return message;
    }
}

/// <summary>Per-pair message numbers, as the gateway numbers messages per conversation.</summary>
public sealed class EchoSequences
{
    private readonly ConcurrentDictionary<string, StrongBox> _next = new();

    public long Next(string pairId) => Interlocked.Increment(ref _next.GetOrAdd(pairId, static _ => new StrongBox()).Value);

    private sealed class StrongBox
    {
        public long Value;
    }
}
