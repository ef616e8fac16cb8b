using System.Net;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Edge;

/// <summary>A session that never starts a conversation leaves no state behind; one that does is kept.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class UnstartedSessionTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    private readonly RedisServer _redis = redis;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Conversations__UnstartedSessionLifetime"] = "00:00:03",
    };

    [Fact]
    public async Task A_session_with_no_conversation_is_cleared_and_one_with_a_conversation_is_kept()
    {
        await using var idle = await SeekerClient.Connect(Gateway.Url);
        await using var talking = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await talking.StartConversation()).ConversationId;
        Assert.True(await KeysOf(idle.UserId) > 0, "the idle session is stored at first");

        await Eventually.True(
            async () => await KeysOf(idle.UserId) == 0,
            $"the unused session to be cleared; keys left: {string.Join(", ", await AllKeysOf(idle.UserId))}",
            TimeSpan.FromSeconds(45));

        var refusal = await Assert.ThrowsAsync<HubException>(() => idle.StartConversation());
        Assert.Contains("not_found:", refusal.Message);
        Assert.True(await KeysOf(talking.UserId) > 0, "a session with a conversation is kept");
        await talking.Send(conversation, "still here");
        Assert.NotEmpty(await talking.History(conversation, 0));
    }

    private async Task<List<string>> AllKeysOf(string userId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }

    private async Task<int> KeysOf(string userId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var count = 0;
        await foreach (var key in server.KeysAsync(pattern: $"*{userId}*"))
        {
            // The reminder row names the grain too; only grain state counts here.
            if (key.ToString().Contains("/state/", StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }
}
