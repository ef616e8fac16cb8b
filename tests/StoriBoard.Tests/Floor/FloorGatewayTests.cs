using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Floor;

/// <summary>The floor through a real gateway on Redis over SignalR: a supervisor asks for it and follows it as a night goes.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class FloorGatewayTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_supervisor_sees_a_seeker_wait_raise_a_red_flag_and_be_taken_by_a_crisis_trained_supporter()
    {
        await using var priya = await SupporterClient.Create(
            Gateway.Url, Gateway.AdminKey, "Priya", [], crisisTrained: true, capacity: 1, role: "supervisor");
        await priya.SetAvailability("away");
        var floors = new EventLog<FloorView>();
        priya.Hub.On<FloorView>(ClientMethods.Floor, floors.Add);
        var first = await priya.Hub.InvokeAsync<FloorView>("Floor");
        Assert.Contains(first.Supporters, s => s.SupporterId == priya.SupporterId && s.State == FloorState.Away && s.Role == Role.Supervisor);

        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.RequestPeer(conversation);
        await floors.WaitFor(f => f.Waiting.Conversations.Any(c => c.ConversationId == conversation && c.Risk == RiskLevel.None),
            "the Floor event with Mark waiting");

        await mark.Send(conversation, "I've already taken all my tablets");
        var flagged = await floors.WaitFor(f => f.RedFlags.Conversations.Any(c => c.ConversationId == conversation),
            "the Floor event with Mark's red flag");
        var flag = flagged.RedFlags.Conversations.Single(c => c.ConversationId == conversation);
        Assert.Equal((RiskLevel.Imminent, ConversationStatus.Waiting, (string?)null), (flag.Risk, flag.Status, flag.Supporter));
        Assert.Equal(120, flagged.RedFlags.AlarmAfterSeconds);
        Assert.True(flagged.Waiting.ByRisk.Single(l => l.Risk == RiskLevel.Imminent).Count >= 1);

        await using var ruth = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ruth", [], crisisTrained: true, capacity: 1);
        await ruth.AcceptOfferOf(conversation);
        var taken = await floors.WaitFor(f => f.Chats.Any(c => c.ConversationId == conversation && c.Supporter == "Ruth"),
            "the Floor event with Mark's chat with Ruth");
        Assert.DoesNotContain(taken.RedFlags.Conversations, c => c.ConversationId == conversation);
        Assert.Equal(Trend.Rising, taken.Chats.Single(c => c.ConversationId == conversation).Trend);

    }

    [Fact]
    public async Task A_supporter_asking_for_the_floor_is_refused_and_gets_no_floor_events()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", []);
        var floors = new EventLog<FloorView>();
        jake.Hub.On<FloorView>(ClientMethods.Floor, floors.Add);

        var refused = await Assert.ThrowsAsync<HubException>(() => jake.Hub.InvokeAsync<FloorView>("Floor"));
        Assert.Contains("forbidden:", refused.Message);

        await using var seeker = await SeekerClient.Connect(Gateway.Url);
        await seeker.RequestPeer((await seeker.StartConversation()).ConversationId);
        await Task.Delay(TimeSpan.FromSeconds(2)); // longer than a push takes: none may come
        Assert.Empty(floors.Items);
    }
}
