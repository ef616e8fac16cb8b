using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>Nothing lost: reconnects, restarts, crashes, and several processes in one cluster, all on real Redis.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class DeliveryTests(RedisServer redis)
{
    [Fact]
    public async Task History_after_a_reconnect_returns_exactly_what_was_missed()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString });
        var (mark, jake, conversationId) = await Chatting(gateway, gateway);
        await using var _ = mark;
        await using var __ = jake;
        var lastSeen = (await mark.History(conversationId, 0)).Max(m => m.Seq);

        await mark.Hub.StopAsync();
        var missed = new List<MessageView>();
        for (var i = 0; i < 3; i++)
        {
            missed.Add(await jake.Send(conversationId, $"are you still there? ({i})"));
        }

        await mark.Reconnect();
        var caughtUp = await mark.History(conversationId, lastSeen);
        Assert.Equal(missed.Select(m => m.MessageId), caughtUp.Select(m => m.MessageId));
        Assert.Equal(missed.Select(m => m.Seq), caughtUp.Select(m => m.Seq));

        // A retried send after the reconnect is stored once.
        var retry = Guid.NewGuid().ToString("N");
        var once = await mark.Send(conversationId, "sorry, my signal dropped", retry);
        var twice = await mark.Send(conversationId, "sorry, my signal dropped", retry);
        Assert.Equal(once.MessageId, twice.MessageId);
        Assert.Single(await jake.History(conversationId, 0), m => m.ClientMessageId == retry);
    }

    [Fact]
    public async Task Everything_is_still_there_after_the_whole_system_is_stopped_and_started_again()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString };
        string conversationId, seekerToken, supporterToken;
        MessageView[] before;
        await using (var gateway = await GatewayProcess.Start(settings))
        {
            var (mark, jake, id) = await Chatting(gateway, gateway);
            await jake.Send(id, "before the restart");
            before = await mark.History(id, 0);
            (conversationId, seekerToken, supporterToken) = (id, mark.Token, jake.Token);
            await mark.DisposeAsync();
            await jake.DisposeAsync();
        }

        await using var restarted = await GatewayProcess.Start(settings.Another());
        await using var markAgain = await Reconnect(restarted, "/hubs/seeker", seekerToken);
        var after = await markAgain.InvokeAsync<MessageView[]>("History", conversationId, 0L);
        Assert.Equal(before.Select(m => (m.Seq, m.MessageId, m.Text)), after.Select(m => (m.Seq, m.MessageId, m.Text)));

        // Asking again for a peer changes nothing: the conversation is still with Jake.
        var view = await markAgain.InvokeAsync<ConversationView>("RequestPeer", conversationId);
        Assert.Equal(ConversationStatus.Peer, view.Status);
        Assert.Equal("Jake", view.Supporter!.DisplayName);

        await using var jakeAgain = await Reconnect(restarted, "/hubs/supporter", supporterToken);
        var next = await jakeAgain.InvokeAsync<MessageView>("Send", conversationId, "after-restart", "still here");
        Assert.Equal(after.Max(m => m.Seq) + 1, next.Seq);
    }

    [Fact]
    public async Task A_crash_loses_nothing_that_was_stored()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString };
        var gateway = await GatewayProcess.Start(settings);
        var (mark, jake, conversationId) = await Chatting(gateway, gateway);
        var sent = new List<MessageView>();
        for (var i = 0; i < 10; i++)
        {
            sent.Add(await mark.Send(conversationId, $"message {i}"));
        }

        gateway.Kill();
        await mark.DisposeAsync();
        await jake.DisposeAsync();

        // The same process restarting on the same ports: the cluster sees the crashed one superseded at once.
        await using var restarted = await GatewayProcess.Start(settings);
        await using var markAgain = await Reconnect(restarted, "/hubs/seeker", mark.Token);
        var history = await markAgain.InvokeAsync<MessageView[]>("History", conversationId, 0L);
        Assert.All(sent, m => Assert.Contains(history, h => h.MessageId == m.MessageId && h.Seq == m.Seq));
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task Two_gateway_processes_in_one_cluster_deliver_across_each_other()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString };
        await using var first = await GatewayProcess.Start(settings);
        await using var second = await GatewayProcess.Start(settings.Another());

        var (mark, jake, conversationId) = await Chatting(seekerGateway: first, supporterGateway: second);
        await using var _ = mark;
        await using var __ = jake;

        var fromMark = await mark.Send(conversationId, "can you see this from the other side?");
        await jake.Messages.WaitFor(m => m.MessageId == fromMark.MessageId, "the seeker's message on the other gateway");
        var fromJake = await jake.Send(conversationId, "yes, loud and clear");
        await mark.Messages.WaitFor(m => m.MessageId == fromJake.MessageId, "the supporter's message on the other gateway");
    }

    [Fact]
    public async Task A_gateway_as_a_pure_client_of_a_silo_process_serves_the_same_conversations()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString };
        await using var cohosted = await GatewayProcess.Start(settings);
        await using var client = await GatewayProcess.Start(settings.Another() with { Topology = "client" });

        var (mark, jake, conversationId) = await Chatting(seekerGateway: client, supporterGateway: cohosted);
        await using var _ = mark;
        await using var __ = jake;
        var fromJake = await jake.Send(conversationId, "hello through the client gateway");
        await mark.Messages.WaitFor(m => m.MessageId == fromJake.MessageId, "delivery through the client gateway");
    }

    /// <summary>Mark on one gateway, Jake on another (or the same), matched and chatting.</summary>
    private static async Task<(SeekerClient Mark, SupporterClient Jake, string ConversationId)> Chatting(
        GatewayProcess seekerGateway, GatewayProcess supporterGateway)
    {
        var jake = await SupporterClient.Create(supporterGateway.Url, supporterGateway.AdminKey, "Jake", [Themes.Work]);
        var mark = await SeekerClient.Connect(seekerGateway.Url);
        var conversation = await mark.StartConversation();
        await mark.Send(conversation.ConversationId, "I could really use someone to talk to");
        await mark.RequestPeer(conversation.ConversationId);
        var offer = await jake.Offers.WaitFor(o => o.ConversationId == conversation.ConversationId, "the offer");
        await jake.Accept(offer.OfferId);
        return (mark, jake, conversation.ConversationId);
    }

    private static async Task<HubConnection> Reconnect(GatewayProcess gateway, string hub, string token)
    {
        var connection = ProtocolJson.Hub(gateway.Url, hub, token);
        await connection.StartAsync();
        return connection;
    }
}
