namespace StoriBoard.Delivery;

/// <summary>
/// Which gateway hosts are alive, from their check-ins and the silos they share a process with, and whether each has
/// attached its people since the cluster last lost a silo. Free of Orleans, so it can be tested with a fake clock;
/// <see cref="HostRollGrain"/> hosts it.
/// </summary>
public sealed class HostRoll(TimeSpan hostLifetime, DateTimeOffset startedAt)
{
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _departed = new(StringComparer.Ordinal);

    /// <summary>How many silo departures have been seen; a host that attached before the latest one attaches again.</summary>
    public int Departures => _departed.Count;

    /// <summary>A silo the cluster declared dead; a gateway host in its process died with it.</summary>
    public void SiloDeparted(string silo) => _departed.Add(silo);

    /// <summary>
    /// Notes a host's check-in, with the silo it shares a process with (none for a gateway that is only a client);
    /// true when it must attach its people again (unknown here, or a silo left since).
    /// </summary>
    public bool CheckIn(string hostId, string? silo, DateTimeOffset now)
    {
        var mustAttach = !_hosts.TryGetValue(hostId, out var host) || host.AttachedAt != Departures;
        _hosts[hostId] = new Host(now, Departures, silo);
        return mustAttach;
    }

    public IEnumerable<string> Live(IEnumerable<string> hostIds, DateTimeOffset now)
    {
        // Just started (this roll moved after its silo died), it cannot tell a dead host from one that has not checked
        // in yet: it trusts them all for one lifetime rather than take live supporters offline.
        var trustUnknown = now - startedAt < hostLifetime;
        return hostIds.Where(id => _hosts.TryGetValue(id, out var host)
            ? now - host.CheckedIn <= hostLifetime && (host.Silo is null || !_departed.Contains(host.Silo))
            : trustUnknown);
    }

    private sealed record Host(DateTimeOffset CheckedIn, int AttachedAt, string? Silo);
}
