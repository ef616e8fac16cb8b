using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>Liveness stays up through a Redis stall; readiness follows Redis down and back; /health keeps the contract.</summary>
[Trait("Tier", "Integration")]
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_follows_Redis_down_and_back_while_live_stays_up()
    {
        await using var owned = await GatewayWithOwnRedis.Start();
        using var http = HttpClients.For(owned.Gateway.Url);
        http.Timeout = TimeSpan.FromSeconds(10);

        var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.Equal(["classifier", "cluster", "redis"], ready.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("ok", (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString());

        owned.Redis.Freeze();
        try
        {
            await Eventually.True(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "readiness to fail while Redis is stalled", TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            var contract = await http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, contract.StatusCode);
            Assert.Equal("unavailable", (await contract.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        finally
        {
            owned.Redis.Thaw();
        }

        await Eventually.True(async () => (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            "readiness to come back with Redis", TimeSpan.FromSeconds(30));
    }
}
