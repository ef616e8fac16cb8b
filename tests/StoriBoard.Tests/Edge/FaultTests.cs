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
        await using var owned = await GatewayWithOwnRedis.Start(new Dictionary<string, string> { ["StoriBoard__RedisTimeout"] = "00:00:02" });
        var gateway = owned.Gateway;
        await using var mark = await SeekerClient.Connect(gateway.Url);

        await owned.Redis.DisposeAsync();

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
}
