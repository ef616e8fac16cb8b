using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StoriBoard.Telemetry;

namespace StoriBoard.Gateway.Delivery;

/// <summary>
/// Counts each participant's connections on this host. The first connection attaches this host to the participant's
/// inbox; the last one detaches it (and, for a supporter, stops their offers at once). A timer renews attachments,
/// since inboxes forget hosts that go quiet. Every second the host checks in with the roll of live hosts; when the roll
/// did not know it, or a silo has died since (taking inboxes and supporters' whereabouts with it), every attachment is
/// made again at once, supporters here get their open offers again, and every client here is told to catch up on the
/// messages the dead silo may have dropped.
/// </summary>
public sealed class HostConnections(
    IGrainFactory grains, HostEvents events, IOptions<DeliveryOptions> options, IServiceProvider services, ILogger<HostConnections> logger)
    : BackgroundService
{
    public static readonly TimeSpan RenewalPeriod = TimeSpan.FromSeconds(60);

    /// <summary>Check-ins after a re-attachment before the second round (see <see cref="CheckIn"/>).</summary>
    private const int SettleCheckIns = 3;

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

            try
            {
                await grains.GetGrain<IInboxGrain>(participant.InboxKey).Detach(events.HostId);
                if (participant.Role == Role.Seeker)
                {
                    await grains.GetGrain<IHelpSeekerGrain>(participant.Id).Away(events.HostId);
                }
                else
                {
                    await grains.GetGrain<ISupporterGrain>(participant.Id).Disconnected(events.HostId);
                }
            }
            finally
            {
                // Removed only once the leaving is sent: a reconnection waiting on this gate then attaches after it,
                // so the grains never hear "away" after "present" and end a chat whose page came back.
                connections.Removed = true;
                _connected.TryRemove(participant, out _);
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
        await Task.WhenAll(Renew(stoppingToken), CheckIn(stoppingToken));

        // The pump logs and restarts a failed loop itself and ends quietly when stopped: nothing to swallow here.
        await pump;
    }

    private async Task Renew(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(RenewalPeriod);
        while (await Tick(timer, stopping))
        {
            await RenewAll();
        }
    }

    private async Task CheckIn(CancellationToken stopping)
    {
        var roll = grains.GetGrain<IHostRollGrain>(0);

        // A co-hosted gateway dies with its silo: the roll then knows it dead as soon as the cluster does.
        var silo = services.GetService<ILocalSiloDetails>()?.SiloAddress.ToParsableString();
        var unreachable = false;
        var checkIns = 0L;
        long? againAt = null;
        using var timer = new PeriodicTimer(options.Value.CheckInInterval);
        while (await Tick(timer, stopping))
        {
            try
            {
                checkIns++;
                if (await roll.CheckIn(events.HostId, silo))
                {
                    await AttachEveryoneAgain(stopping);

                    // For a few seconds after a silo dies, the cluster may briefly hold two activations of one inbox,
                    // and a push can reach the one this host did not attach to. One more round once that has settled.
                    againAt = checkIns + SettleCheckIns;
                }
                else if (checkIns == againAt)
                {
                    await AttachEveryoneAgain(stopping);
                    againAt = null;
                }

                unreachable = false;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                // Expected for a few seconds while the cluster notices a dead silo; said once, not every second.
                if (!unreachable)
                {
                    logger.LogWarning(exception, "Could not check in with the roll of live hosts; trying every {Interval}", options.Value.CheckInInterval);
                }

                unreachable = true;
            }
        }
    }

    /// <summary>
    /// Every person here attached again, supporters' open offers and red flags sent again, and every client told to catch
    /// up on the messages a dead inbox may have dropped.
    /// </summary>
    private async Task AttachEveryoneAgain(CancellationToken stopping)
    {
        logger.FaultRecovered($"a silo left the cluster or the roll forgot this host; attaching {_connected.Count} people here again");
        await RenewAll();
        await ResendStaffScreens();
        await events.CatchUpEveryone(stopping);
    }

    /// <summary>Offers and red flags pushed through an inbox that died were lost with it: each supporter here gets them again.</summary>
    private async Task ResendStaffScreens()
    {
        foreach (var staff in _connected.Keys.Where(p => p.Role != Role.Seeker))
        {
            foreach (var screen in await StaffScreen.Current(grains, staff))
            {
                await events.Deliver(staff.InboxKey, screen);
            }
        }
    }

    /// <summary>The next tick, or false once the host is stopping.</summary>
    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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

        // Also after a silo restart, when the person's grain has forgotten where they are connected.
        if (participant.Role == Role.Seeker)
        {
            await grains.GetGrain<IHelpSeekerGrain>(participant.Id).Present(events.HostId);
        }
        else
        {
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
