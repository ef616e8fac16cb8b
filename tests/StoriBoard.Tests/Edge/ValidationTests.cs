using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Edge;

/// <summary>Malformed profiles and hub arguments are refused with "invalid" at the gateway, before any grain, and leave nothing.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ValidationTests(RedisServer redis, GatewayForClass shared) : GatewayOnRedisTests(redis, shared), IClassFixture<GatewayForClass>
{
    private readonly RedisServer _redis = redis;

    public static TheoryData<string> BadNames => new()
    {
        "Jake\0", "\u001b[31mJake", "Ja\nke", "Ja\r\nke", "Jake\u2028", "\u202Eekaj", "Jake\u202A", "\u2066Jake\u2069",
        "Ja\tke", "Jake\u0085", "Jake\u200F", new string('J', 61),
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task Display_names_with_control_characters_line_breaks_or_direction_overrides_are_refused(string name)
    {
        await AssertRefusedAndNothingStored(new { displayName = name, livedExperience = new[] { "work" }, languages = new[] { "en" }, maxConcurrentChats = 2 });
    }

    [Fact]
    public async Task Nulls_in_lists_are_refused_and_register_no_one()
    {
        await AssertRefusedAndNothingStored(new { displayName = "Jake", livedExperience = new string?[] { null }, languages = new[] { "en" }, maxConcurrentChats = 2 });
        await AssertRefusedAndNothingStored(new { displayName = "Jake", livedExperience = new string?[] { "work", null }, languages = new[] { "en" }, maxConcurrentChats = 2 });
        await AssertRefusedAndNothingStored(new { displayName = "Jake", livedExperience = new[] { "work" }, languages = new string?[] { null }, maxConcurrentChats = 2 });
    }

    [Fact]
    public async Task Ordinary_names_in_any_script_are_accepted()
    {
        using var admin = HttpClients.For(Gateway.Url, adminKey: Gateway.AdminKey);
        foreach (var name in new[] { "Jake", "Amara O'Neill", "Zoë", "محمد", "美咲", "Jake 🙂" })
        {
            var response = await admin.PostAsJsonAsync("/api/supporters", new { displayName = name, livedExperience = new[] { "work" }, languages = new[] { "en" }, maxConcurrentChats = 2 });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task Hub_arguments_are_checked_before_any_grain_is_called()
    {
        // Each call names a conversation that does not exist: a grain would answer not_found, so "invalid" or
        // "too_large" shows the gateway refused it first.
        const string nowhere = "0123456789abcdef0123456789abcdef";
        var created = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Priya", ["work"], crisisTrained: true);
        await using var priya = await SupporterClient.Connect(Gateway.Url, created, online: false);
        await using var mark = await SeekerClient.Connect(Gateway.Url);

        await AssertHubError("invalid", () => priya.SetRisk(nowhere, "extreme", "a good reason"));
        await AssertHubError("invalid", () => priya.SetRisk(nowhere, "high", "no"));
        await AssertHubError("invalid", () => priya.SetRisk(nowhere, "high", "line\u0000break"));
        await AssertHubError("invalid", () => priya.SetRisk(nowhere, "high", null));
        await AssertHubError("too_large", () => priya.End(nowhere, new string('n', 2001)));
        await AssertHubError("invalid", () => priya.History(nowhere, -1));
        await AssertHubError("invalid", () => priya.Send(nowhere, "hi", clientMessageId: new string('c', 101)));
        await AssertHubError("invalid", () => priya.Send(nowhere, "hi", clientMessageId: ""));
        await AssertHubError("invalid", () => priya.SetAvailability("busy"));
        await AssertHubError("invalid", () => priya.Accept("../offer"));

        await AssertHubError("invalid", () => mark.End(nowhere, 0));
        await AssertHubError("invalid", () => mark.End(nowhere, 6));
        await AssertHubError("invalid", () => mark.Send(nowhere, " "));
        await AssertHubError("invalid", () => mark.Hub.InvokeAsync<MessageView>("Send", nowhere, "c1", null));
        await AssertHubError("too_large", () => mark.Send(nowhere, new string('x', 4001)));
        await AssertHubError("invalid", () => mark.History(nowhere, -1));
        await AssertHubError("not_found", () => mark.History(nowhere, 0));
    }

    private async Task AssertRefusedAndNothingStored(object profile)
    {
        var before = await KeyCount();
        using var admin = HttpClients.For(Gateway.Url, adminKey: Gateway.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/supporters", profile);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options);
        Assert.Equal("invalid", body!.Error);
        Assert.Equal(before, await KeyCount());
    }

    /// <summary>This gateway's keys in Redis: a refused registration must add none (no supporter, no announcement).</summary>
    private async Task<int> KeyCount()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var count = 0;
        await foreach (var _ in server.KeysAsync(pattern: $"*{Gateway.Settings.ServiceId}*"))
        {
            count++;
        }

        return count;
    }

    private static async Task AssertHubError(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"{code}:", error.Message);
    }
}
