namespace StoriBoard;

/// <summary>
/// Knows the gateway hosts where one participant is connected and forwards their events there only. Hosts re-attach on
/// a timer; a host that stops renewing is dropped (it has gone), and its clients catch up by seq. Deliveries are one-way,
/// so a failed one is not seen here: only the missing renewal drops a host.
/// </summary>
public sealed class InboxGrain(TimeProvider time) : Grain, IInboxGrain
{
    /// <summary>Longer than the hosts' renewal period, so one late renewal does not drop a live host.</summary>
    public static readonly TimeSpan AttachmentLifetime = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, (IGatewayObserver Host, DateTimeOffset Renewed)> _hosts = new();

    public Task Attach(string hostId, IGatewayObserver host)
    {
        _hosts[hostId] = (host, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Detach(string hostId)
    {
        _hosts.Remove(hostId);
        return Task.CompletedTask;
    }

    public Task Deliver(ClientEvent clientEvent)
    {
        var now = time.GetUtcNow();
        foreach (var (hostId, (host, renewed)) in _hosts.ToArray())
        {
            if (now - renewed > AttachmentLifetime)
            {
                _hosts.Remove(hostId);
                continue;
            }

            // One-way: returns at once, so one slow host cannot hold up the others.
            host.Deliver(this.GetPrimaryKeyString(), clientEvent);
        }

        return Task.CompletedTask;
    }
}
