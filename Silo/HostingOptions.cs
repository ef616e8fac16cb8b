using Orleans.Configuration;

namespace StoriBoard.Silo;

/// <summary>How this process joins the cluster, bound from the "StoriBoard" configuration section.</summary>
public sealed class HostingOptions
{
    public const string Section = "StoriBoard";

    /// <summary>A StackExchange.Redis connection string. Unset: embedded mode, one process, in-memory storage.</summary>
    public string? Redis { get; set; }

    /// <summary>"cohosted" (a silo in this process, the default) or "client" (join a cluster of Silo processes).</summary>
    public string Topology { get; set; } = Topologies.Cohosted;

    /// <summary>Names the data in Redis: keep it fixed across restarts, or stored state will not be found.</summary>
    public string ServiceId { get; set; } = "storiboard";

    public string ClusterId { get; set; } = "storiboard";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public bool Embedded => string.IsNullOrWhiteSpace(Redis);

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
