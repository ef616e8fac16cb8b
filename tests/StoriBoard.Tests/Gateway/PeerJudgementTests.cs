using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>In a peer chat a seeker's message is delivered first and judged after, through the real gateway on Redis.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class PeerJudgementTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_peer_message_reaches_the_supporter_before_its_analysis_and_a_red_flag_follows()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "can I talk to a real person please");
        await jake.AcceptOfferOf(conversation);

        var sent = await mark.Send(conversation, "I've already taken all my tablets");

        var delivered = await jake.Messages.WaitFor(m => m.MessageId == sent.MessageId, "the message itself");
        Assert.Null(delivered.Analysis);
        var analysed = await jake.Analyses.WaitFor(m => m.MessageId == sent.MessageId, "its analysis after it");
        Assert.Equal(RiskLevel.Imminent, analysed.Analysis!.Risk);
        Assert.Equal(RedFlagKind.Medical, analysed.Analysis.Kind);
        await jake.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Risk == RiskLevel.Imminent && c.Kind == RedFlagKind.Medical,
            "the chat to become an imminent red flag");

    }
}
