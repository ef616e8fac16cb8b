using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>
/// An OpenTelemetry collector for tests: takes OTLP over HTTP (protobuf) on loopback and keeps every span it is sent,
/// and every request's raw bytes, so a test can also look for what must never be sent.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Span> _spans = new();
    private readonly ConcurrentQueue<byte[]> _bodies = new();

    private OtlpCollector(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyCollection<Span> Spans => _spans;

    public IReadOnlyCollection<byte[]> Bodies => _bodies;

    public static async Task<OtlpCollector> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var port = Ports.Free();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var collector = new OtlpCollector(builder.Build());
        collector._app.MapPost("/v1/{signal}", collector.Take);
        await collector._app.StartAsync();
        collector.Url = $"http://127.0.0.1:{port}";
        return collector;
    }

    private async Task<IResult> Take(string signal, HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        _bodies.Enqueue(bytes);
        if (signal == "traces")
        {
            foreach (var span in TraceRequest.Spans(bytes))
            {
                _spans.Enqueue(span);
            }
        }

        return Results.Ok();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One span as the collector took it: ids in hex, the span's name and the instrumentation scope that made it.</summary>
    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope);

    /// <summary>
    /// Reads the few fields a test needs from an ExportTraceServiceRequest (opentelemetry-proto, trace/v1), walking the
    /// protobuf wire format: resource_spans = 1 → scope_spans = 2 → scope = 1 (name = 1), spans = 2 → trace_id = 1,
    /// span_id = 2, parent_span_id = 4, name = 5.
    /// </summary>
    private static class TraceRequest
    {
        public static IEnumerable<Span> Spans(byte[] request) =>
            from resourceSpans in Fields(request, 1)
            from scopeSpans in Fields(resourceSpans, 2)
            let scope = Fields(scopeSpans, 1).Select(s => Text(Fields(s, 1).FirstOrDefault())).FirstOrDefault() ?? ""
            from span in Fields(scopeSpans, 2)
            select new Span(
                Hex(Fields(span, 1).FirstOrDefault()),
                Hex(Fields(span, 2).FirstOrDefault()),
                Hex(Fields(span, 4).FirstOrDefault()),
                Text(Fields(span, 5).FirstOrDefault()),
                scope);

        private static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexStringLower(bytes.Span);

        private static string Text(ReadOnlyMemory<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes.Span);

        /// <summary>The length-delimited values of one field number in a message.</summary>
        private static List<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int number)
        {
            var found = new List<ReadOnlyMemory<byte>>();
            var position = 0;
            while (position < message.Length)
            {
                var key = Varint(message.Span, ref position);
                var (field, wireType) = ((int)(key >> 3), (int)(key & 7));
                switch (wireType)
                {
                    case 0:
                        Varint(message.Span, ref position);
                        break;
                    case 1:
                        position += 8;
                        break;
                    case 2:
                        var length = (int)Varint(message.Span, ref position);
                        if (field == number)
                        {
                            found.Add(message.Slice(position, length));
                        }

                        position += length;
                        break;
                    case 5:
                        position += 4;
                        break;
                    default:
                        throw new InvalidDataException($"Wire type {wireType} is not in OTLP.");
                }
            }

            return found;
        }

        private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = bytes[position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
