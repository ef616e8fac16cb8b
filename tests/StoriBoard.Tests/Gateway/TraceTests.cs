using System.Text;
using Xunit.Abstractions;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>
/// A message followed in one trace through a real gateway, exported over OTLP to a collector on loopback: the hub call
/// that took it, the grain calls, the Redis commands that stored it and the push to the supporter; its text nowhere.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class TraceTests(RedisServer redis, ITestOutputHelper output) : IAsyncLifetime
{
    private OtlpCollector _collector = null!;
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _collector = await OtlpCollector.Start();
        _gateway = await GatewayProcess.Start(new HostSettings
        {
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string>
            {
                ["StoriBoard__Telemetry__OtlpEndpoint"] = _collector.Url,
                ["StoriBoard__Telemetry__OtlpProtocol"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _collector.DisposeAsync();
    }

    [Fact]
    public async Task A_message_is_one_trace_from_the_hub_through_the_grains_and_redis_to_the_push_without_its_text()
    {
        await using var jake = await SupporterClient.Create(_gateway.Url, _gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(_gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.RequestPeer(conversation);
        await jake.AcceptOfferOf(conversation);

        var text = $"the deadline moved again {Guid.NewGuid():N}";
        await mark.Send(conversation, text);
        await jake.Messages.WaitFor(m => m.ConversationId == conversation && m.Text == text, "Mark's message on Jake's screen");

        IReadOnlyList<OtlpCollector.Span> trace = [];
        await Eventually.True(
            () =>
            {
                trace = TraceOf("StoriBoard.Gateway.Hubs.SeekerHub/Send");
                return trace.Any(s => s.Name.Contains("IConversationGrain/Send"))
                    && trace.Any(s => s.Scope.Contains("StackExchangeRedis"))
                    && trace.Any(s => s.Scope == "StoriBoard" && s.Name == "push");
            },
            "one trace with the hub call, the conversation grain's Send, a Redis command and the push",
            TimeSpan.FromSeconds(30));

        foreach (var span in trace)
        {
            output.WriteLine($"{span.Scope}: {span.Name}");
        }

        var marker = Encoding.UTF8.GetBytes(text[^32..]);
        Assert.DoesNotContain(_collector.Bodies, body => body.AsSpan().IndexOf(marker) >= 0);
    }

    /// <summary>The spans of the trace that holds the given hub call (the largest, if several); empty while none has arrived.</summary>
    private IReadOnlyList<OtlpCollector.Span> TraceOf(string rootName)
    {
        var spans = _collector.Spans.ToArray();
        return spans.Where(s => s.Name == rootName).Select(root => root.TraceId).Distinct()
            .Select(traceId => spans.Where(s => s.TraceId == traceId).ToArray())
            .OrderByDescending(t => t.Length)
            .FirstOrDefault() ?? [];
    }
}
