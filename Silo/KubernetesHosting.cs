using Orleans.Configuration;

namespace StoriBoard.Silo;

/// <summary>
/// StoriBoard__Hosting=kubernetes: the silo is named after its pod and advertises the pod's address, and the silos
/// watch their pods, so a deleted pod's silo is declared dead at once instead of after missed probes. Clustering,
/// storage and reminders stay on Redis. deploy/kubernetes/ holds the manifests, with the pod fields and the role the
/// package needs.
/// </summary>
public static class KubernetesHosting
{
    public static ISiloBuilder UseStoriBoardKubernetesHosting(this ISiloBuilder silo, HostingOptions hosting) =>
        silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = hosting.SiloPort;
                endpoints.GatewayPort = hosting.GatewayPort;
            })
            .UseKubernetesHosting();
}
