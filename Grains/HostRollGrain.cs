using Microsoft.Extensions.Options;
using StoriBoard.Delivery;

namespace StoriBoard;

/// <summary>
/// Hosts the <see cref="HostRoll"/> and tells it of silos the cluster declares dead. Soft state: after this grain moves
/// (its silo died), every host is unknown, so every host attaches again, which is what the inboxes and supporters that
/// died with that silo need.
/// </summary>
public sealed class HostRollGrain(IClusterMembershipService membership, IOptions<DeliveryOptions> options, TimeProvider time)
    : Grain, IHostRollGrain
{
    private readonly HashSet<SiloAddress> _departed = [];
    private HostRoll _roll = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _roll = new HostRoll(options.Value.HostLifetime, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<bool> CheckIn(string hostId)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Dead && _departed.Add(member.SiloAddress))
            {
                _roll.SiloDeparted();
            }
        }

        return Task.FromResult(_roll.CheckIn(hostId, time.GetUtcNow()));
    }

    public Task<string[]> Live(string[] hostIds) => Task.FromResult(_roll.Live(hostIds, time.GetUtcNow()).ToArray());
}
