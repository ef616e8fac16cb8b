using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StoriBoard.Telemetry;

namespace StoriBoard.Silo;

/// <summary>Where this process sends its telemetry, bound from the "StoriBoard:Telemetry" configuration section.</summary>
public sealed class TelemetryOptions : ISettings
{
    public const string Section = "StoriBoard:Telemetry";

    /// <summary>An OpenTelemetry collector (OTLP over gRPC, for example http://collector:4317). Unset: nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    public Uri? Otlp => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint);

    /// <summary>Traces are exported: grain calls then carry the caller's trace with them.</summary>
    public static bool Tracing(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TelemetryOptions>() is { Otlp: not null };

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return $"{Settings.Name(Section, nameof(OtlpEndpoint))} must be an absolute http or https address.";
        }
    }
}

public static class Telemetry
{
    /// <summary>The helpline's own meter and the built-in meters of the parts it is made of.</summary>
    public static readonly string[] Meters =
    [
        HelplineMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR",
        "StackExchange.Redis",
    ];

    /// <summary>Orleans' activity sources: a call followed from the gateway through the grains it touches.</summary>
    public static readonly string[] TraceSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>
    /// Metrics from <see cref="Meters"/> and the runtime, and with <c>StoriBoard__Telemetry__OtlpEndpoint</c> set, metrics
    /// and traces exported there. The gateway adds its Prometheus scrape endpoint to the builder this returns.
    /// </summary>
    public static OpenTelemetryBuilder AddStoriBoardTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSettings<TelemetryOptions>(builder.Configuration, TelemetryOptions.Section);
        var otlp = Settings.Checked(
            builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new(), TelemetryOptions.Section).Otlp;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddRuntimeInstrumentation();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(TraceSources).AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return telemetry;
    }
}
