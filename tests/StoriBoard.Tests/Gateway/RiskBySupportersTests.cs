using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>People change a conversation's risk from the console, with reasons, through the real gateway on Redis.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class RiskBySupportersTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_supporter_raises_and_lowers_risk_only_a_supervisor_clears_their_red_flag_and_every_change_is_kept()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var sam = await SupporterClient.Create(
            Gateway.Url, Gateway.AdminKey, "Sam", [], crisisTrained: true, capacity: 1, role: "supervisor");
        await sam.SetAvailability("away");
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "Work has been grim and I can't switch off at night");
        await mark.RequestPeer(conversation);
        await jake.AcceptOfferOf(conversation);

        var raised = await jake.SetRisk(conversation, "moderate", "Says the evenings are getting darker for him");
        Assert.Equal(RiskLevel.Moderate, raised.Risk);
        var lowered = await jake.SetRisk(conversation, "low", "Talked it through; he has his sister this weekend");
        Assert.Equal(RiskLevel.Low, lowered.Risk);

        var red = await jake.SetRisk(conversation, "high", "He told me he has been looking up ways");
        Assert.Equal(RedFlagKind.Suicide, red.Kind);
        await sam.RedFlags.WaitFor(c => c.ConversationId == conversation && c.Risk == RiskLevel.High, "the supervisors' RedFlag event");

        var refusal = await Assert.ThrowsAsync<HubException>(() => jake.SetRisk(conversation, "low", "I think he is fine now"));
        Assert.Contains("forbidden: Only a crisis-trained supporter or a supervisor", refusal.Message, StringComparison.Ordinal);

        var cleared = await sam.SetRisk(conversation, "moderate", "Spoke with Jake and Mark: no plan, safety plan agreed");
        Assert.Equal(RiskLevel.Moderate, cleared.Risk);
        Assert.Null(cleared.Kind);
        await sam.RedFlags.WaitFor(c => c.ConversationId == conversation && c.Status == ConversationStatus.Ended, "the red flag off the board");

        var view = await jake.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Handoff?.RiskChanges?.LastOrDefault()?.By == sam.SupporterId,
            "Sam's change on Jake's card");
        var changes = view.Handoff!.RiskChanges!;
        Assert.Equal(
            [(RiskLevel.Low, RiskLevel.Moderate, jake.SupporterId), (RiskLevel.Moderate, RiskLevel.Low, jake.SupporterId),
             (RiskLevel.Low, RiskLevel.High, jake.SupporterId), (RiskLevel.High, RiskLevel.Moderate, sam.SupporterId)],
            changes[^4..].Select(c => (c.From, c.To, c.By)));
        Assert.Equal("Spoke with Jake and Mark: no plan, safety plan agreed", changes[^1].Reason);
    }

    [Fact]
    public async Task Bad_levels_missing_reasons_and_strangers_are_refused_and_change_nothing()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", []);
        await using var stranger = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Not in this chat", [], capacity: 1);
        await stranger.SetAvailability("away");
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "can I talk to a real person please");
        var before = await jake.AcceptOfferOf(conversation);

        async Task Refused(string code, Func<Task> call)
        {
            var error = await Assert.ThrowsAsync<HubException>(call);
            Assert.Contains($"{code}:", error.Message, StringComparison.Ordinal);
        }

        await Refused(ErrorCodes.Invalid, () => jake.SetRisk(conversation, "purple", "a reason"));
        await Refused(ErrorCodes.Invalid, () => jake.SetRisk(conversation, "high", ""));
        await Refused(ErrorCodes.Invalid, () => jake.SetRisk(conversation, "high", null));
        await Refused(ErrorCodes.Invalid, () => jake.SetRisk(conversation, "high", new string('x', 501)));
        await Refused(ErrorCodes.Forbidden, () => stranger.SetRisk(conversation, "high", "not my chat"));
        await Refused(ErrorCodes.NotFound, () => jake.SetRisk(Guid.NewGuid().ToString("N"), "high", "unknown chat"));

        var view = await jake.Hub.InvokeAsync<ConversationView>("View", conversation);
        Assert.Equal(before.Risk, view.Risk);
        Assert.DoesNotContain(view.Handoff!.RiskChanges!, c => c.By == jake.SupporterId || c.By == stranger.SupporterId);
    }
}
