using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using StoriBoard.Classification;
using StoriBoard.Gateway.Api;

namespace StoriBoard.Gateway.Health;

/// <summary>
/// Health the way orchestrators read it. <c>/health/live</c> asks only whether the process answers, so a Redis blip
/// never gets a healthy gateway restarted. <c>/health/ready</c> asks whether it can serve people now: the cluster and its
/// storage, Redis, and the classifier. <c>/health</c> is the contract's: the same checks, answered in its own shapes.
/// </summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    /// <summary>Longer than a Redis command may take (StoriBoard:RedisTimeout), shorter than an orchestrator's probe.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddStoriBoardHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClusterCheck>("cluster", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<RedisCheck>("redis", tags: [Ready], timeout: CheckTimeout)
            .AddCheck<ClassifierCheck>("classifier", tags: [Ready], timeout: CheckTimeout);
        return services;
    }

    public static WebApplication MapStoriBoardHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteReport });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteContract });
        return app;
    }

    /// <summary>Each check's name and status, never an exception's text.</summary>
    private static Task WriteReport(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString().ToLowerInvariant()),
        });

    private static Task WriteContract(HttpContext http, HealthReport report) =>
        report.Status == HealthStatus.Healthy
            ? http.Response.WriteAsJsonAsync(new { status = "ok" })
            : http.Response.WriteAsJsonAsync(new ErrorBody(ErrorCodes.Unavailable, "The cluster or its storage is not answering."));

    /// <summary>A grain is called and its state written and read back: silos and grain storage answer.</summary>
    private sealed class ClusterCheck(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                await grains.GetGrain<IHealthGrain>(0).Check().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("The cluster or its storage is not answering.");
            }
        }
    }

    /// <summary>The transcripts and token revocations live in Redis; embedded mode has none to ask.</summary>
    private sealed class RedisCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            if (services.GetService<IConnectionMultiplexer>() is not { } redis)
            {
                return HealthCheckResult.Healthy("embedded: no Redis");
            }

            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("Redis is not answering.");
            }
        }
    }

    /// <summary>The models read a message here, or (in client topology, where the models live on the silos) in the cluster.</summary>
    private sealed class ClassifierCheck(IServiceProvider services, IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                var analysis = services.GetService<IMessageClassifier>() is { } local
                    ? local.Classify("hello")
                    : await grains.GetGrain<IClassifierGrain>(0).Classify("hello").WaitAsync(cancellationToken);
                return analysis.Risk.Level.IsRedFlag() ? HealthCheckResult.Unhealthy("The classifier reads a greeting as a red flag.") : HealthCheckResult.Healthy();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("The classifier is not answering.");
            }
        }
    }
}
