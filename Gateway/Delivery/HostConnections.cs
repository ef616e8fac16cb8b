using System.Collections.Concurrent;

namespace StoriBoard.Gateway.Delivery;

/// <summary>
/// Counts each participant's connections on this host. The first connection attaches this host to the participant's
/// inbox; the last one detaches it (and, for a supporter, stops their offers at once). A timer renews attachments,
/// since inboxes forget hosts that go quiet.
/// </summary>
public sealed class HostConnections(IGrainFactory grains, HostEvents events, ILogger<HostConnections> logger) : BackgroundService
{
    public static readonly TimeSpan RenewalPeriod = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<Participant, Connections> _connected = new();
    private IGatewayObserver? _reference;

    public async Task Connected(Participant participant)
    {
        while (true)
        {
            var connections = _connected.GetOrAdd(participant, _ => new Connections());
            await connections.Gate.WaitAsync();
            try
            {
                if (connections.Removed)
                {
                    continue;
                }

                if (connections.Count++ == 0)
                {
                    await Attach(participant);
                }

                return;
            }
            finally
            {
                connections.Gate.Release();
            }
        }
    }

    public async Task Disconnected(Participant participant)
    {
        if (!_connected.TryGetValue(participant, out var connections))
        {
            return;
        }

        await connections.Gate.WaitAsync();
        try
        {
            if (--connections.Count > 0)
            {
                return;
            }

            connections.Removed = true;
            _connected.TryRemove(participant, out _);
            await grains.GetGrain<IInboxGrain>(participant.InboxKey).Detach(events.HostId);
            if (participant.Role != Role.Seeker)
            {
                await grains.GetGrain<ISupporterGrain>(participant.Id).Disconnected(events.HostId);
            }
        }
        finally
        {
            connections.Gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pump = events.Pump(stoppingToken);
        using var timer = new PeriodicTimer(RenewalPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAll();
            }
        }
        catch (OperationCanceledException)
        {
        }

        // The pump logs and restarts a failed loop itself and ends quietly when stopped: nothing to swallow here.
        await pump;
    }

    private async Task RenewAll()
    {
        foreach (var participant in _connected.Keys)
        {
            try
            {
                await Attach(participant);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not renew a {Role}'s attachment", participant.Role);
            }
        }
    }

    private async Task Attach(Participant participant)
    {
        _reference ??= grains.CreateObjectReference<IGatewayObserver>(events);
        await grains.GetGrain<IInboxGrain>(participant.InboxKey).Attach(events.HostId, _reference);
        if (participant.Role != Role.Seeker)
        {
            // Also after a silo restart, when the supporter grain has forgotten where they are connected.
            await grains.GetGrain<ISupporterGrain>(participant.Id).Connected(events.HostId);
        }
    }

    private sealed class Connections
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Count { get; set; }

        public bool Removed { get; set; }
    }
}
