using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Storage;
using StackExchange.Redis;
using StoriBoard.Protection;
using StoriBoard.Transcripts;

namespace StoriBoard.Silo;

public static class SiloHosting
{
    /// <summary>
    /// Runs a silo in this process: on Redis (clustering, grain storage, reminders, transcripts) when StoriBoard:Redis
    /// is set, else embedded on localhost with everything in memory. With Redis, what people typed is encrypted before
    /// it is stored, and a person's or a conversation's keys expire with the retention setting.
    /// </summary>
    public static IHostApplicationBuilder AddStoriBoardSilo(this IHostApplicationBuilder builder)
    {
        var hosting = builder.Configuration.StoriBoardHosting();
        SiloPorts.RequireFree(hosting);
        var retention = StoredRetention(builder.Configuration);
        if (!hosting.Embedded)
        {
            builder.Services.AddStoriBoardRedis(hosting);
            builder.Services.AddSingleton(AtRest(builder.Configuration));
            builder.Services.AddSingleton<ITranscriptStore, RedisTranscriptStore>();
            builder.Services.AddSingleton<Reports.IFigureStore, Reports.RedisFigureStore>();
        }
        else if (builder.Configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>()?.Problem(required: false) is { } problem)
        {
            // Nothing is stored in embedded mode, but a malformed key would fail the day Redis is switched on.
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddStoriBoardGrains(builder.Configuration);
        builder.Services.AddHostedService<ModeAnnouncement>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(hosting.NameCluster);
            if (TelemetryOptions.Tracing(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }

            if (hosting.Embedded)
            {
                silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort)
                    .AddMemoryGrainStorage(Storage.Name)
                    .AddMemoryGrainStorage(Storage.Staff)
                    .UseInMemoryReminderService();
                return;
            }

            var redis = hosting.RedisConfiguration();
            if (hosting.OnKubernetes)
            {
                silo.UseStoriBoardKubernetesHosting(hosting);
            }
            else
            {
                silo.ConfigureEndpoints(hosting.SiloIPAddress, hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: false);
            }

            silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = hosting.SiloProbeTimeout)
                .UseRedisClustering(o => o.ConfigurationOptions = redis.Clone())
                .AddRedisGrainStorage(Storage.Name, o => o.Configure<IServiceProvider>((storage, services) =>
                    EncryptedOnRedis(storage, services, redis, expiry: retention)))
                .AddRedisGrainStorage(Storage.Staff, o => o.Configure<IServiceProvider>((storage, services) =>
                    EncryptedOnRedis(storage, services, redis, expiry: null)))
                .UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
        });
        return builder;
    }

    /// <summary>
    /// Refuses to start without a key rather than store people's words in the clear, and does not generate one: a
    /// generated key would differ between silos and be lost on restart, making everything stored unreadable, and one
    /// kept in Redis beside the data would protect nothing.
    /// </summary>
    private static AtRestCipher AtRest(IConfiguration configuration)
    {
        var options = configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>() ?? new EncryptionOptions();
        return options.Problem(required: true) is { } problem
            ? throw new InvalidOperationException(problem)
            : new AtRestCipher(options);
    }

    /// <summary>The retention as Redis takes it: whole seconds (Orleans passes the seconds to EXPIRE as they are).</summary>
    private static TimeSpan StoredRetention(IConfiguration configuration)
    {
        var retention = Settings.Checked(
            configuration.GetSection(ConversationOptions.Section).Get<ConversationOptions>() ?? new(), ConversationOptions.Section).TranscriptRetention;
        return TimeSpan.FromSeconds(Math.Ceiling(retention.TotalSeconds));
    }

    private static void EncryptedOnRedis(RedisStorageOptions storage, IServiceProvider services, ConfigurationOptions redis, TimeSpan? expiry)
    {
        storage.ConfigurationOptions = redis.Clone();
        storage.EntryExpiry = expiry;

        // Cleared state (an erased person, an unused session) leaves no key; by default an empty record stays forever.
        storage.DeleteStateOnClear = true;
        storage.GrainStorageSerializer = new EncryptedGrainStorageSerializer(
            services.GetRequiredService<IGrainStorageSerializer>(), services.GetRequiredService<AtRestCipher>());
    }

    /// <summary>Read while the host is built, so checked here rather than at start.</summary>
    public static HostingOptions StoriBoardHosting(this IConfiguration configuration) =>
        Settings.Checked(configuration.GetSection(HostingOptions.Section).Get<HostingOptions>() ?? new HostingOptions(), HostingOptions.Section);

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
