using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Edge;

/// <summary>The limits on anonymous traffic, per client address, through a real gateway: 429 with Retry-After past each budget.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class EdgeLimitTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    // Small budgets in windows far longer than the test, so no window can roll over between two requests.
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Limits__SessionsPerWindow"] = "3",
        ["StoriBoard__Limits__SessionWindow"] = "00:10:00",
        ["StoriBoard__Limits__NegotiationsPerWindow"] = "3",
        ["StoriBoard__Limits__NegotiationWindow"] = "00:10:00",
        ["StoriBoard__Limits__AdminKeyFailures"] = "2",
        ["StoriBoard__Limits__AdminKeyFailureWindow"] = "00:10:00",
        ["StoriBoard__Limits__AdminKeyFailureDelay"] = "00:00:00.200",
    };

    [Fact]
    public async Task New_sessions_past_the_budget_are_refused_with_429_and_Retry_After()
    {
        using var http = HttpClients.For(Gateway.Url);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/sessions", new { })).StatusCode);
        }

        await AssertLimited(await http.PostAsJsonAsync("/api/sessions", new { }));
    }

    [Fact]
    public async Task Hub_negotiations_past_the_budget_are_refused_with_429_and_Retry_After()
    {
        // Counted before authentication, so that a flood costs no token checks: unauthenticated ones count too.
        using var http = HttpClients.For(Gateway.Url);
        for (var i = 0; i < 3; i++)
        {
            var path = i % 2 == 0 ? "/hubs/seeker/negotiate?negotiateVersion=1" : "/hubs/supporter/negotiate?negotiateVersion=1";
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(path, null)).StatusCode);
        }

        await AssertLimited(await http.PostAsync("/hubs/seeker/negotiate?negotiateVersion=1", null));

        // Other calls are not counted against the hubs' budget.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Wrong_admin_keys_are_slowed_then_refused_with_429_and_Retry_After()
    {
        var profile = new { displayName = "Jake", livedExperience = new[] { "work" }, languages = new[] { "en" }, maxConcurrentChats = 2 };
        using var wrongKey = HttpClients.For(Gateway.Url, adminKey: "not-the-key");
        for (var i = 0; i < 2; i++)
        {
            var started = DateTime.UtcNow;
            var response = await wrongKey.PostAsJsonAsync("/api/supporters", profile);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150), "a wrong key is answered only after a pause");
        }

        await AssertLimited(await wrongKey.PostAsJsonAsync("/api/supporters", profile));
        await AssertLimited(await wrongKey.PostAsJsonAsync("/api/classify", new { text = "hello" }));

        // Past the budget the address is refused whatever key it sends, so guessing cannot go on under a good key's cover.
        using var admin = HttpClients.For(Gateway.Url, adminKey: Gateway.AdminKey);
        await AssertLimited(await admin.PostAsJsonAsync("/api/supporters", profile));
    }

    private static async Task AssertLimited(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.True(response.Headers.RetryAfter!.Delta!.Value > TimeSpan.Zero);
        var body = await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options);
        Assert.Equal("rate_limited", body!.Error);
        Assert.False(string.IsNullOrWhiteSpace(body.Message));
    }
}

/// <summary>At most ten open hub connections per token on one gateway: the eleventh is refused at connect.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ConnectionCapTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Limits__ConnectionsPerUser"] = "10",
    };

    [Fact]
    public async Task An_eleventh_connection_with_one_token_is_refused_and_a_freed_place_can_be_taken()
    {
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var more = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 9; i++)
            {
                var connection = ProtocolJson.Hub(Gateway.Url, "/hubs/seeker", mark.Token);
                await connection.StartAsync();
                more.Add(connection);
            }

            var eleventh = ProtocolJson.Hub(Gateway.Url, "/hubs/seeker", mark.Token);
            more.Add(eleventh);
            var refusal = await Refusal(eleventh);
            Assert.Contains("rate_limited:", refusal);
            Assert.Contains("10 connections", refusal);

            // The ten still work, and another person is not affected.
            Assert.Equal(HubConnectionState.Connected, mark.Hub.State);
            await mark.StartConversation();
            await using var someoneElse = await SeekerClient.Connect(Gateway.Url);

            // Closing one frees its place, once the server has seen it go (its disconnect is handled a moment later).
            await more[0].StopAsync();
            await Eventually.True(async () =>
            {
                var again = ProtocolJson.Hub(Gateway.Url, "/hubs/seeker", mark.Token);
                more.Add(again);
                try
                {
                    await again.StartAsync();
                    await again.InvokeAsync<ConversationView>("StartConversation");
                    return true;
                }
                catch (Exception e) when (e is InvalidOperationException or HubException)
                {
                    return false;
                }
            }, "a freed place to be taken again");
        }
        finally
        {
            foreach (var connection in more)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The server closes a refused connection with its reason, just after the handshake.</summary>
    public static async Task<string> Refusal(HubConnection connection)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync();
        }
        catch (Exception error)
        {
            return error.Message;
        }

        var reason = await closed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        return reason?.Message ?? "closed without a reason";
    }
}
