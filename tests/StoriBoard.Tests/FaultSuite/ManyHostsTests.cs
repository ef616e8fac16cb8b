using System.Diagnostics;
using StackExchange.Redis;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.FaultSuite;

/// <summary>
/// Two hosts, each a network namespace with its own address, cluster through a Redis on a third: a seeker on one chats
/// with a supporter on the other, then the supporter's host is killed and the chat goes on through the first, with no
/// message lost or doubled.
/// </summary>
[Trait("Tier", "Fault")]
[Collection(FaultSuiteCollection.Name)]
public sealed class ManyHostsTests
{
    [HostsFact(Timeout = 300_000)]
    public async Task A_seeker_on_one_host_chats_with_a_supporter_on_another_and_a_host_killed_loses_nothing()
    {
        using var network = NetworkHosts.Create(hosts: 2);
        var redis = new RedisServer { Address = network.Here };
        await redis.InitializeAsync();
        await using var stopRedis = new Disposal(redis.DisposeAsync);
        var settings = new HostSettings { Redis = redis.ConnectionString };
        var (hostA, addressA) = network.Host(0);
        var (hostB, addressB) = network.Host(1);
        await using var a = await GatewayProcess.Start(settings with { NetworkNamespace = hostA, Address = addressA });
        await using var b = await GatewayProcess.Start(settings.Another() with { NetworkNamespace = hostB, Address = addressB });
        await FaultScene.ActiveSilos(redis, 2);

        // Each silo is known to the cluster by its own host's address, not loopback.
        await using (var store = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var members = new List<string>();
            await foreach (var key in store.GetServers()[0].KeysAsync(pattern: "*members*"))
            {
                if (await store.GetDatabase().KeyTypeAsync(key) == RedisType.Hash)
                {
                    members.AddRange((await store.GetDatabase().HashValuesAsync(key)).Select(v => v.ToString()));
                }
            }

            Assert.Contains(members, m => m.Contains(addressA, StringComparison.Ordinal));
            Assert.Contains(members, m => m.Contains(addressB, StringComparison.Ordinal));
            Assert.DoesNotContain(members, m => m.Contains("127.0.0.1", StringComparison.Ordinal));
        }

        var clock = Stopwatch.StartNew();
        await using var mark = await FaultClient.Seeker([a.Url, b.Url], clock, "Mark on A");
        var jakeCreated = await SupporterClient.Register(a.Url, a.AdminKey, "Jake", [Themes.Work]);
        await using var jake = await FaultClient.Supporter([b.Url, a.Url], clock, jakeCreated);

        var conversation = (await mark.Call<ConversationView>("StartConversation")).ConversationId;
        await mark.Send(conversation, "is anyone there tonight?");
        await mark.Call<ConversationView>("RequestPeer", conversation);
        var offer = await FaultScene.OfferOf(jake, conversation);
        await jake.Call<ConversationView>("Accept", offer.OfferId);
        mark.Follow(conversation);
        jake.Follow(conversation);

        var sent = new List<(FaultClient To, MessageView Message)>();
        async Task Exchange(string when)
        {
            for (var i = 0; i < 3; i++)
            {
                sent.Add((jake, await mark.Send(conversation, $"from Mark {when} {i}")));
                sent.Add((mark, await jake.Send(conversation, $"from Jake {when} {i}")));
            }
        }

        await Exchange("across hosts");
        b.Kill();
        await Exchange("after host B died");

        await Eventually.True(
            () => sent.All(s => s.To.Seen.ContainsKey(s.Message.MessageId)), "every message on the other side", TimeSpan.FromSeconds(60));
        var history = await mark.Call<MessageView[]>("History", conversation, 0L);
        foreach (var (_, message) in sent)
        {
            Assert.Single(history, m => m.ClientMessageId == message.ClientMessageId);
        }

        Assert.All(mark.Errors.Keys.Concat(jake.Errors.Keys), code => Assert.Contains(code, new[] { "unavailable", "connection" }));
    }

    private sealed class Disposal(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }
}

/// <summary>A test that needs <see cref="NetworkHosts"/>: skipped, with the reason, where the machine cannot make them.</summary>
public sealed class HostsFactAttribute : FactAttribute
{
    public HostsFactAttribute()
    {
        Skip = NetworkHosts.Unavailable;
    }
}
