using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>Waiting seekers learn their place in the queue and an estimated wait, through a real gateway, as it changes.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class QueueStandingTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    // One shard, so both seekers share one queue whatever their ids hash to.
    protected override IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["StoriBoard__Matching__Shards"] = "1" };

    [Fact]
    public async Task Queue_position_and_an_honest_wait_reach_the_seeker_as_they_change()
    {
        await using var first = await SeekerClient.Connect(Gateway.Url);
        await using var second = await SeekerClient.Connect(Gateway.Url);
        var ahead = await first.StartConversation();
        var behind = await second.StartConversation();

        await first.RequestPeer(ahead.ConversationId);
        await first.Conversations.WaitFor(c => c.QueuePosition == 1, "the first seeker to be told they are first");
        await second.RequestPeer(behind.ConversationId);

        // Nobody is online: no time is promised, and the AI says so and names the crisis line.
        var alone = await second.Conversations.WaitFor(c => c.QueuePosition == 2, "the second seeker to be told they are second");
        Assert.True(alone.NobodyOnline);
        Assert.Null(alone.EstimatedWaitSeconds);
        await second.Messages.WaitFor(m => m.Sender == Sender.Ai && m.Text.Contains("Samaritans"), "the AI saying nobody is online yet");

        // A page reloaded between events asks where the conversation stands.
        var read = await second.Hub.InvokeAsync<ConversationView>("View", behind.ConversationId);
        Assert.Equal((ConversationStatus.Waiting, 2, true), (read.Status, read.QueuePosition, read.NobodyOnline));

        // Jake comes online with room for one: the first is offered to him, the second now has an estimate.
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work], capacity: 1);
        await jake.Offers.WaitFor(o => o.ConversationId == ahead.ConversationId, "the first seeker's offer to Jake");
        var estimated = await second.Conversations.WaitFor(
            c => c.NobodyOnline is null && c.EstimatedWaitSeconds > 0, "the second seeker's estimate once Jake is online");
        Assert.Equal(2, estimated.QueuePosition);

        await first.End(ahead.ConversationId, rating: null);
        await second.Conversations.WaitFor(c => c.QueuePosition == 1, "the second seeker to move up to first");
        var offer = await jake.Offers.WaitFor(o => o.ConversationId == behind.ConversationId, "the waiting seeker's offer to Jake");
        Assert.Contains("is free now", offer.Reasons);
    }
}
