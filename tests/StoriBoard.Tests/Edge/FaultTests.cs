using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Edge;

/// <summary>A gateway whose Redis stops answers "unavailable" (503 with Retry-After; "unavailable:" on the hub), not a generic error.</summary>
[Trait("Tier", "Integration")]
public sealed class FaultTests
{
    [Fact]
    public async Task A_gateway_whose_Redis_is_stopped_answers_unavailable()
    {
        // A Redis of its own, since this test stops it.
        var redis = new RedisServer();
        await redis.InitializeAsync();
        GatewayProcess? gateway = null;
        try
        {
            gateway = await GatewayProcess.Start(new HostSettings
            {
                Redis = redis.ConnectionString,
                Environment = new Dictionary<string, string> { ["StoriBoard__RedisTimeout"] = "00:00:02" },
            });
            await using var mark = await SeekerClient.Connect(gateway.Url);

            await redis.DisposeAsync();

            var started = DateTime.UtcNow;
            var refusal = await Assert.ThrowsAsync<HubException>(() => mark.StartConversation());
            Assert.Contains("unavailable: try again with the same clientMessageId", refusal.Message);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(40), "a fault is answered within a bounded wait");

            using var http = HttpClients.For(gateway.Url);
            var response = await http.PostAsJsonAsync("/api/sessions", new { });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options);
            Assert.Equal("unavailable", body!.Error);
        }
        finally
        {
            // A silo that lost its membership store takes long to stop politely: this one is simply ended.
            gateway?.Kill();
            await redis.DisposeAsync();
        }
    }
}
