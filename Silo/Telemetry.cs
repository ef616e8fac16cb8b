using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
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

    /// <summary>"grpc" (port 4317 by custom) or "http/protobuf" (port 4318), as the collector takes it.</summary>
    public string OtlpProtocol { get; set; } = Grpc;

    public Uri? Otlp => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint);

    private const string Grpc = "grpc";
    private const string HttpProtobuf = "http/protobuf";

    /// <summary>
    /// Points an exporter at the collector. Over HTTP each signal has its own path, which the exporter adds itself only
    /// when the address comes from its own environment variables, not from here.
    /// </summary>
    public void Export(OtlpExporterOptions exporter, string signal)
    {
        if (OtlpProtocol == HttpProtobuf)
        {
            exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = new Uri(Otlp!, $"{Otlp!.AbsolutePath.TrimEnd('/')}/v1/{signal}");
        }
        else
        {
            exporter.Endpoint = Otlp!;
        }
    }

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

        if (OtlpProtocol is not (Grpc or HttpProtobuf))
        {
            yield return $"{Settings.Name(Section, nameof(OtlpProtocol))} must be \"{Grpc}\" or \"{HttpProtobuf}\".";
        }
    }
}

public static class Telemetry
{
    // Redis spans are gathered from the client's profiler on this period; shorter than its default of 10 s, so a trace
    // is whole in the collector about as soon as the message is delivered.
    private static readonly TimeSpan RedisSpanFlush = TimeSpan.FromSeconds(1);

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

    /// <summary>
    /// A message followed in one trace: the hub call that took it (SignalR), the grain calls it made (Orleans), the Redis
    /// commands that stored it, and the push to the other side (the helpline's own source).
    /// </summary>
    public static readonly string[] TraceSources =
    [
        HelplineTraces.SourceName,
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
    ];

    /// <summary>
    /// Metrics from <see cref="Meters"/> and the runtime, and with <c>StoriBoard__Telemetry__OtlpEndpoint</c> set, metrics
    /// and traces exported there. The gateway adds its Prometheus scrape endpoint to the builder this returns.
    /// </summary>
    public static OpenTelemetryBuilder AddStoriBoardTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddSettings<TelemetryOptions>(builder.Configuration, TelemetryOptions.Section);
        var options = Settings.Checked(
            builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new(), TelemetryOptions.Section);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddRuntimeInstrumentation();
                if (options.Otlp is not null)
                {
                    metrics.AddOtlpExporter(o => options.Export(o, "metrics"));
                }
            });
        if (options.Otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(TraceSources)
                .AddRedisInstrumentation(redis => redis.FlushInterval = RedisSpanFlush)
                .AddOtlpExporter(o => options.Export(o, "traces")));
        }

        return telemetry;
    }
}
