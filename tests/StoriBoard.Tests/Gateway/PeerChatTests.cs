using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>A seeker and a supporter through one real gateway on Redis, over real SignalR.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class PeerChatTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task Seeker_asks_for_a_peer_supporter_accepts_and_both_chat_in_real_time()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Relationship, Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);

        var conversation = await mark.StartConversation();
        Assert.Equal(ConversationStatus.Ai, conversation.Status);
        var first = await mark.Send(conversation.ConversationId, "hi, is anyone there?");
        Assert.Equal(1, first.Seq);
        Assert.Null(first.Analysis);

        var waiting = await mark.RequestPeer(conversation.ConversationId);
        Assert.Equal(ConversationStatus.Waiting, waiting.Status);

        var offer = await jake.Offers.WaitFor(o => o.ConversationId == conversation.ConversationId, "an offer to Jake");
        Assert.NotEmpty(offer.Reasons);
        var accepted = await jake.Accept(offer.OfferId);
        Assert.Equal(ConversationStatus.Peer, accepted.Status);
        Assert.Equal("Jake", accepted.Supporter!.DisplayName);

        await mark.Conversations.WaitFor(
            c => c.Status == ConversationStatus.Peer && c.Supporter?.DisplayName == "Jake", "Mark to see Jake join");

        var fromMark = await mark.Send(conversation.ConversationId, "thanks for joining");
        var seenByJake = await jake.Messages.WaitFor(m => m.MessageId == fromMark.MessageId, "Jake to receive Mark's message");
        Assert.Equal(Sender.Seeker, seenByJake.Sender);
        // Delivered first, judged after: the analysis follows under the same message id.
        Assert.NotNull((await jake.Analyses.WaitFor(m => m.MessageId == fromMark.MessageId, "the analysis of Mark's message")).Analysis);

        var fromJake = await jake.Send(conversation.ConversationId, "I'm here, take your time");
        var seenByMark = await mark.Messages.WaitFor(m => m.MessageId == fromJake.MessageId, "Mark to receive Jake's message");
        Assert.Equal("Jake", seenByMark.SenderName);
        Assert.Null(seenByMark.Analysis);

        var history = await jake.History(conversation.ConversationId, 0);
        Assert.Equal(Enumerable.Range(1, history.Length).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Contains(history, m => m.MessageId == fromMark.MessageId);

        var ended = await mark.End(conversation.ConversationId, 5);
        Assert.Equal(ConversationStatus.Ended, ended.Status);
        await jake.Conversations.WaitFor(c => c.Status == ConversationStatus.Ended, "Jake to see the end");
    }
}
