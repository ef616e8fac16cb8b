using Orleans.Configuration;
using StackExchange.Redis;
using StoriBoard.Reports;
using StoriBoard.Silo;

namespace StoriBoard.Gateway;

public static class ClusterHosting
{
    /// <summary>Co-hosts a silo (the default) or, with StoriBoard:Topology=client, joins a Redis cluster as a client.</summary>
    public static WebApplicationBuilder AddStoriBoardCluster(this WebApplicationBuilder builder)
    {
        var hosting = builder.Configuration.StoriBoardHosting();
        if (!string.Equals(hosting.Topology, Topologies.Client, StringComparison.OrdinalIgnoreCase))
        {
            builder.AddStoriBoardSilo();
            return builder;
        }

        if (hosting.Embedded)
        {
            throw new InvalidOperationException(
                "StoriBoard:Topology=client joins a cluster through Redis: set StoriBoard:Redis as well.");
        }

        builder.Services.AddStoriBoardRedis(hosting);
        builder.Services.AddSingleton<IFigureStore, RedisFigureStore>().AddStoriBoardFigures(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(hosting.NameCluster)
                .UseRedisClustering(o => o.ConfigurationOptions = hosting.RedisConfiguration());
            if (TelemetryOptions.Tracing(builder.Configuration))
            {
                client.AddActivityPropagation();
            }
        });
        return builder;
    }
}
