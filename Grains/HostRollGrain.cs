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
    private HostRoll _roll = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _roll = new HostRoll(options.Value.HostLifetime, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<bool> CheckIn(string hostId, string? silo)
    {
        NoteDepartures();
        return Task.FromResult(_roll.CheckIn(hostId, silo, time.GetUtcNow()));
    }

    public Task<string[]> Live(string[] hostIds)
    {
        NoteDepartures();
        return Task.FromResult(_roll.Live(hostIds, time.GetUtcNow()).ToArray());
    }

    private void NoteDepartures()
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead))
        {
            _roll.SiloDeparted(member.SiloAddress.ToParsableString());
        }
    }
}
