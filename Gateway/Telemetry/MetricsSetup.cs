using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
using StoriBoard.Silo;

namespace StoriBoard.Gateway.Telemetry;

public static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>The silo's telemetry, ASP.NET Core's requests, and a Prometheus scrape endpoint for the gateway.</summary>
    public static WebApplicationBuilder AddStoriBoardMetrics(this WebApplicationBuilder builder)
    {
        var telemetry = builder.AddStoriBoardTelemetry("storiboard-gateway")
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        if (TelemetryOptions.Tracing(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
        }

        return builder;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus' text format, for the admin key only (in <c>X-Admin-Key</c>, as the API's admin
    /// calls; wrong keys are slowed and counted per address the same way).
    /// </summary>
    public static WebApplication MapStoriBoardMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (await context.RequestServices.GetRequiredService<AdminKeyGuard>().Admit(context) is { } retryAfter)
            {
                await AdminKeyGuard.TooMany(context.Response, retryAfter);
                return;
            }

            if (!context.RequestServices.GetRequiredService<AdminKey>().Matches(context.Request))
            {
                await ErrorResponses.Refuse(context.Response, new HelplineException(
                    ErrorCodes.Unauthorized, $"The metrics need the admin key in the {AdminKey.Header} header."));
                return;
            }

            await next(context);
        }), optionsName: null);
        return app;
    }
}
