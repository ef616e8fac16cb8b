using System.Net;
using Orleans.Configuration;
using StackExchange.Redis;

namespace StoriBoard.Silo;

/// <summary>How this process joins the cluster, bound from the "StoriBoard" configuration section.</summary>
public sealed class HostingOptions : ISettings
{
    public const string Section = "StoriBoard";

    /// <summary>A StackExchange.Redis connection string. Unset: embedded mode, one process, in-memory storage.</summary>
    public string? Redis { get; set; }

    /// <summary>"cohosted" (a silo in this process, the default) or "client" (join a cluster of Silo processes).</summary>
    public string Topology { get; set; } = Topologies.Cohosted;

    /// <summary>Names the data in Redis: keep it fixed across restarts, or stored state will not be found.</summary>
    public string ServiceId { get; set; } = "storiboard";

    public string ClusterId { get; set; } = "storiboard";

    /// <summary>
    /// The address this process's silo listens on and gives the cluster to reach it by: loopback for one host; the
    /// host's own address for a cluster across hosts. A specific address, never 0.0.0.0.
    /// </summary>
    public string SiloAddress { get; set; } = "127.0.0.1";

    public IPAddress SiloIPAddress => IPAddress.Parse(SiloAddress);

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The longest wait for one Redis command (StackExchange.Redis SyncTimeout and AsyncTimeout), so that a Redis that
    /// stops answering turns into a clear "unavailable" within seconds rather than a call that hangs.
    /// </summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often silos probe each other, and how long a probe may take. Three missed probes suspect a silo, and the
    /// others' votes declare it dead: a second here lets a dead silo's grains (and its people's pushes) move within
    /// seconds. Orleans extends the timeout on a silo that is itself overloaded, so a busy silo is not voted out.
    /// </summary>
    public TimeSpan SiloProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// "standalone" (the default) or "kubernetes": a silo then takes its name and advertised address from its pod
    /// (POD_NAME, POD_NAMESPACE, POD_IP), listens on every address, and declares dead the silos whose pods are deleted.
    /// </summary>
    public string Hosting { get; set; } = Hostings.Standalone;

    public bool Embedded => string.IsNullOrWhiteSpace(Redis);

    public bool OnKubernetes => string.Equals(Hosting, Hostings.Kubernetes, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (SiloPort is < 1 or > 65535 || GatewayPort is < 1 or > 65535 || SiloPort == GatewayPort)
        {
            yield return "StoriBoard__SiloPort and StoriBoard__GatewayPort must be two different ports from 1 to 65535.";
        }

        if (!string.Equals(Topology, Topologies.Cohosted, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(Topology, Topologies.Client, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"StoriBoard__Topology must be \"{Topologies.Cohosted}\" or \"{Topologies.Client}\".";
        }

        if (!OnKubernetes && !string.Equals(Hosting, Hostings.Standalone, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"StoriBoard__Hosting must be \"{Hostings.Standalone}\" or \"{Hostings.Kubernetes}\".";
        }
        else if (OnKubernetes && Embedded)
        {
            yield return "StoriBoard__Hosting=kubernetes needs StoriBoard__Redis: pods share their cluster through Redis.";
        }

        if (string.IsNullOrWhiteSpace(ServiceId) || string.IsNullOrWhiteSpace(ClusterId))
        {
            yield return "StoriBoard__ServiceId and StoriBoard__ClusterId must not be empty.";
        }

        if (!IPAddress.TryParse(SiloAddress, out var address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            yield return "StoriBoard__SiloAddress must be this host's own IP address (for example 10.0.0.5), not a name or 0.0.0.0.";
        }

        if (RedisTimeout <= TimeSpan.Zero || SiloProbeTimeout <= TimeSpan.Zero)
        {
            yield return "StoriBoard__RedisTimeout and StoriBoard__SiloProbeTimeout must be longer than zero.";
        }
    }

    /// <summary>The Redis client settings every connection of this process uses: the connection string, with the
    /// configured timeouts and no failure at start when Redis is briefly away (it reconnects on its own).</summary>
    public ConfigurationOptions RedisConfiguration()
    {
        var options = ConfigurationOptions.Parse(Redis ?? throw new InvalidOperationException("StoriBoard:Redis is not set."));
        var timeout = (int)Math.Clamp(RedisTimeout.TotalMilliseconds, 100, int.MaxValue);
        options.SyncTimeout = timeout;
        options.AsyncTimeout = timeout;
        options.AbortOnConnectFail = false;
        return options;
    }

    /// <summary>Every process of one deployment, silo or client, names the cluster the same way.</summary>
    public void NameCluster(ClusterOptions cluster)
    {
        cluster.ClusterId = ClusterId;
        cluster.ServiceId = ServiceId;
    }
}

public static class Topologies
{
    public const string Cohosted = "cohosted";
    public const string Client = "client";
}

public static class Hostings
{
    public const string Standalone = "standalone";
    public const string Kubernetes = "kubernetes";
}
