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
    private const string ReadyTag = "ready";

    /// <summary>Longer than a Redis command may take (StoriBoard:RedisTimeout), shorter than an orchestrator's probe.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddStoriBoardHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            // A grain is called and its state written and read back: silos and grain storage answer.
            .Add(Ready("cluster", "The cluster or its storage is not answering.",
                (sp, ct) => sp.GetRequiredService<IGrainFactory>().GetGrain<IHealthGrain>(0).Check().WaitAsync(ct)))
            // The transcripts and token revocations live in Redis; embedded mode has none to ask.
            .Add(Ready("redis", "Redis is not answering.",
                (sp, ct) => sp.GetService<IConnectionMultiplexer>() is { } redis ? redis.GetDatabase().PingAsync().WaitAsync(ct) : Task.CompletedTask))
            .Add(Ready("classifier", "The classifier is not answering, or reads a greeting as a red flag.", ReadsAGreeting));
        return services;
    }

    public static WebApplication MapStoriBoardHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteReport });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteContract });
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

    /// <summary>A ready check: healthy when <paramref name="probe"/> completes within the check's timeout.</summary>
    private static HealthCheckRegistration Ready(string name, string failure, Func<IServiceProvider, CancellationToken, Task> probe) =>
        new(name, services => new Probe(ct => probe(services, ct), failure), HealthStatus.Unhealthy, [ReadyTag], CheckTimeout);

    /// <summary>The models read a message here, or (in client topology, where the models live on the silos) in the cluster.</summary>
    private static async Task ReadsAGreeting(IServiceProvider services, CancellationToken cancellationToken)
    {
        var analysis = services.GetService<IMessageClassifier>() is { } local
            ? local.Classify("hello")
            : await services.GetRequiredService<IGrainFactory>().GetGrain<IClassifierGrain>(0).Classify("hello").WaitAsync(cancellationToken);
        if (analysis.Risk.Level.IsRedFlag())
        {
            throw new InvalidOperationException("The classifier reads a greeting as a red flag.");
        }
    }

    private sealed class Probe(Func<CancellationToken, Task> probe, string failure) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
        {
            try
            {
                await probe(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(failure);
            }
        }
    }
}
