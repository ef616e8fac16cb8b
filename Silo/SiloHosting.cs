using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;
using StoriBoard.Transcripts;

namespace StoriBoard.Silo;

public static class SiloHosting
{
    /// <summary>
    /// Runs a silo in this process: on Redis (clustering, grain storage, reminders, transcripts) when StoriBoard:Redis
    /// is set, else embedded on localhost with everything in memory.
    /// </summary>
    public static IHostApplicationBuilder AddStoriBoardSilo(this IHostApplicationBuilder builder)
    {
        var hosting = builder.Configuration.StoriBoardHosting();
        if (!hosting.Embedded)
        {
            builder.Services.AddStoriBoardRedis(hosting);
            builder.Services.AddSingleton<ITranscriptStore, RedisTranscriptStore>();
        }

        builder.Services.AddStoriBoardGrains(builder.Configuration);
        builder.Services.AddHostedService<ModeAnnouncement>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(hosting.NameCluster);
            if (hosting.Embedded)
            {
                silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort)
                    .AddMemoryGrainStorage(Storage.Name)
                    .UseInMemoryReminderService();
                return;
            }

            var redis = hosting.RedisConfiguration();
            silo.ConfigureEndpoints(IPAddress.Loopback, hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false)
                .UseRedisClustering(o => o.ConfigurationOptions = redis.Clone())
                .AddRedisGrainStorage(Storage.Name, o =>
                {
                    o.ConfigurationOptions = redis.Clone();

                    // Cleared state (an erased person, an unused session) leaves no key; by default an empty record stays forever.
                    o.DeleteStateOnClear = true;
                })
                .UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
        });
        return builder;
    }

    public static HostingOptions StoriBoardHosting(this IConfiguration configuration) =>
        configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions();

    /// <summary>One shared Redis connection for the transcript store and the gateway's token key.</summary>
    public static IServiceCollection AddStoriBoardRedis(this IServiceCollection services, HostingOptions hosting)
    {
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(hosting.RedisConfiguration()));
        return services;
    }

    private sealed class ModeAnnouncement(IConfiguration configuration, ILogger<ModeAnnouncement> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var hosting = configuration.StoriBoardHosting();
            if (hosting.Embedded)
            {
                logger.LogWarning(
                    "Embedded mode: no StoriBoard:Redis configured, so storage is in memory and nothing (conversations, messages, supporters) will survive a restart.");
            }
            else
            {
                logger.LogInformation("Redis mode: cluster {ClusterId}, service {ServiceId}.", hosting.ClusterId, hosting.ServiceId);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
