using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Echo;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Ceiling;

/// <summary>Pairs of plain connections on the echo hub, each pair a SignalR group.</summary>
public sealed class EchoTarget(Uri baseUrl) : IChatTarget
{
    private readonly List<HubConnection> _connections = [];

    public string Name => "echo hub";

    public bool HasHistory => false;

    public async Task<IReadOnlyList<ChatPair>> OpenAsync(int pairs, MetricsSlot slot, CancellationToken cancel)
    {
        var opened = new ChatPair[pairs];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel },
            async (i, token) =>
            {
                var pairId = $"pair-{i}";
                var a = await ConnectAsync(pairId, Names.Seeker, slot, token);
                var b = await ConnectAsync(pairId, Names.Supporter, slot, token);
                opened[i] = new ChatPair(pairId,
                    new PairSide(a, Names.Supporter),
                    new PairSide(b, Names.Seeker));
            });
        return opened;
    }

    private async Task<HubConnection> ConnectAsync(string pairId, string role, MetricsSlot slot, CancellationToken cancel)
    {
        var connection = Hubs.Build(baseUrl, EchoHub.Path, token: null, _ => slot.Current.Reconnect());
        connection.On<MessageView>("Message", message => slot.Received(message, role));
        lock (_connections)
        {
            _connections.Add(connection);
        }

        await connection.StartAsync(cancel);
        await connection.InvokeAsync("Join", pairId, cancel);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
