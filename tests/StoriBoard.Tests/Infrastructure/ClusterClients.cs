using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>An Orleans client of a cluster the tests started as processes, found through its membership table on Redis.</summary>
public static class ClusterClients
{
    public static async Task<IHost> Start(HostSettings cluster, RedisServer redis)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ServiceId, cluster.ServiceId))
            .UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString)));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
