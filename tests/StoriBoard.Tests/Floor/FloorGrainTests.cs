using Orleans.Core.Internal;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Floor;

/// <summary>
/// The supervisors' floor kept by real conversation and supporter grains as a night goes: people waiting by risk, a red
/// flag until a crisis-trained supporter has it, the chat's trend, a supporter resting after it, and a floor that lost
/// its memory gathering itself again. The floor is the cluster's one: each test looks only at its own people.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", "Cluster")]
public sealed class FloorGrainTests(ClusterFixture fixture)
{
    private readonly string _language = People.NewLanguage();

    private IGrainFactory Grains => fixture.Grains;

    private IFloorGrain Floor => Grains.GetGrain<IFloorGrain>(0);

    [Fact]
    public async Task A_red_flag_waits_on_the_floor_until_a_crisis_trained_supporter_takes_it_who_then_rests_after_it()
    {
        await KeepTestHostAlive();
        // Priya, crisis-trained, is with another red flag when this one comes: someone who could take it is online.
        var (first, firstId) = await Start();
        var priya = await People.Supporter(Grains, "Priya", _language, crisisTrained: true, capacity: 1);
        await first.Send(Participant.Seeker(firstId), "m1", "I cut myself again tonight and it won't stop bleeding");
        await Grains.GetGrain<ISupporterGrain>(priya).Accept((await People.OfferFor(Grains, priya, first.GetPrimaryKeyString())).OfferId);
        var (calm, calmId) = await Start();
        await calm.RequestPeer(Participant.Seeker(calmId));
        var (mark, markId) = await Start();
        await mark.Send(Participant.Seeker(markId), "m1", "I've already taken all my tablets");

        var floor = await FloorWhere(f =>
            f.Waiting.Conversations.Any(c => c.ConversationId == mark.GetPrimaryKeyString())
            && f.Waiting.Conversations.Any(c => c.ConversationId == calm.GetPrimaryKeyString()), "both to wait on the floor");
        var waitingMark = floor.Waiting.Conversations.Single(c => c.ConversationId == mark.GetPrimaryKeyString());
        var waitingCalm = floor.Waiting.Conversations.Single(c => c.ConversationId == calm.GetPrimaryKeyString());
        Assert.Equal((RiskLevel.Imminent, RedFlagKind.Medical, _language), (waitingMark.Risk, waitingMark.Kind, waitingMark.Language));
        Assert.Equal(RiskLevel.None, waitingCalm.Risk);
        Assert.True(floor.Waiting.ByRisk.Single(l => l.Risk == RiskLevel.Imminent).Count >= 1);
        Assert.True(floor.Waiting.ByRisk.Single(l => l.Risk == RiskLevel.None).OldestWaitingSince <= waitingCalm.WaitingSince);
        var flag = floor.RedFlags.Conversations.Single(c => c.ConversationId == mark.GetPrimaryKeyString());
        Assert.Equal((ConversationStatus.Waiting, (string?)null), (flag.Status, flag.Supporter));
        Assert.InRange(flag.Since, waitingMark.WaitingSince.AddSeconds(-5), floor.At);
        Assert.Equal(FloorState.Busy, floor.Supporters.Single(s => s.SupporterId == priya).State);
        Assert.DoesNotContain(floor.RedFlags.Conversations, c => c.ConversationId == first.GetPrimaryKeyString());
        Assert.Contains(floor.Chats, c => c.ConversationId == first.GetPrimaryKeyString() && c.SupporterId == priya);

        await calm.End(Participant.Seeker(calmId), null, null);
        await FloorWhere(f => f.Waiting.Conversations.All(c => c.ConversationId != calm.GetPrimaryKeyString()), "an ended wait to leave the floor");

        var ruth = await People.Supporter(Grains, "Ruth", _language, crisisTrained: true, capacity: 1);
        var offer = await People.OfferFor(Grains, ruth, mark.GetPrimaryKeyString());
        await Grains.GetGrain<ISupporterGrain>(ruth).Accept(offer.OfferId);

        floor = await FloorWhere(f => f.Chats.Any(c => c.ConversationId == mark.GetPrimaryKeyString())
            && f.Supporters.Any(s => s.SupporterId == ruth && s.State == FloorState.Busy), "Mark's chat with Ruth on the floor");
        Assert.DoesNotContain(floor.RedFlags.Conversations, c => c.ConversationId == mark.GetPrimaryKeyString());
        Assert.DoesNotContain(floor.Waiting.Conversations, c => c.ConversationId == mark.GetPrimaryKeyString());
        var chat = floor.Chats.Single(c => c.ConversationId == mark.GetPrimaryKeyString());
        Assert.Equal((ruth, "Ruth", RiskLevel.Imminent, Trend.Rising), (chat.SupporterId, chat.Supporter, chat.Risk, chat.Trend));
        Assert.InRange(chat.StartedAt, waitingMark.WaitingSince, floor.At);
        var ruthOnFloor = floor.Supporters.Single(s => s.SupporterId == ruth);
        Assert.Equal((1, 1, true, Role.Supporter), (ruthOnFloor.ActiveChats, ruthOnFloor.Capacity, ruthOnFloor.CrisisTrained, ruthOnFloor.Role));
        Assert.Equal([_language], ruthOnFloor.Languages);

        // A supervisor lowers the risk with a reason: the trend falls.
        await mark.SetRisk(new Participant(Role.Supervisor, "floor-supervisor"), RiskLevel.Moderate, "an ambulance is with him now");
        await FloorWhere(f => f.Chats.Any(c => c.ConversationId == mark.GetPrimaryKeyString() && c.Trend == Trend.Falling && c.Risk == RiskLevel.Moderate),
            "the chat's trend to fall");

        await mark.End(Participant.Supporter(ruth), null, null);
        floor = await FloorWhere(f => f.Supporters.Any(s => s.SupporterId == ruth && s.State == FloorState.Resting), "Ruth to rest after a red-flag chat");
        Assert.DoesNotContain(floor.Chats, c => c.ConversationId == mark.GetPrimaryKeyString());
        Assert.Equal(0, floor.Supporters.Single(s => s.SupporterId == ruth).ActiveChats);

        await Grains.GetGrain<ISupporterGrain>(ruth).Disconnected("test-host");
        await FloorWhere(f => f.Supporters.All(s => s.SupporterId != ruth), "Ruth to leave the floor when she goes");
    }

    [Fact]
    public async Task A_floor_that_lost_its_memory_gathers_itself_again_from_red_flags_waits_staff_and_their_chats()
    {
        await KeepTestHostAlive();
        var (chatting, chattingId) = await Start();
        var jake = await People.Supporter(Grains, "Jake", _language, capacity: 1);
        await chatting.RequestPeer(Participant.Seeker(chattingId));
        var offer = await People.OfferFor(Grains, jake, chatting.GetPrimaryKeyString());
        await Grains.GetGrain<ISupporterGrain>(jake).Accept(offer.OfferId);
        var (waiting, waitingId) = await Start();
        await waiting.RequestPeer(Participant.Seeker(waitingId));
        var (flagged, flaggedId) = await Start();
        await flagged.Send(Participant.Seeker(flaggedId), "m1", "I'm going to kill myself tonight");
        var ids = new[] { waiting, flagged, chatting }.Select(c => c.GetPrimaryKeyString()).ToArray();
        await FloorWhere(f => Complete(f, ids, jake), "everything on the floor before it is lost");

        // As when its silo dies: the activation and all it held in memory are gone.
        await Floor.AsReference<IGrainManagementExtension>().DeactivateOnIdle();

        // Within the re-queue reminder and the staff refresh, nobody telling it anything new.
        await FloorWhere(f => Complete(f, ids, jake), "the floor whole again", TimeSpan.FromSeconds(30));
    }

    private static bool Complete(FloorView floor, string[] ids, string jake) =>
        floor.Waiting.Conversations.Any(c => c.ConversationId == ids[0])
        && floor.RedFlags.Conversations.Any(c => c.ConversationId == ids[1])
        && floor.Chats.Any(c => c.ConversationId == ids[2] && c.SupporterId == jake)
        && floor.Supporters.Any(s => s.SupporterId == jake && s.State == FloorState.Busy);

    private async Task<(IConversationGrain Conversation, string SeekerId)> Start()
    {
        var seekerId = await People.Seeker(Grains, _language);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        return (Grains.GetGrain<IConversationGrain>(view.ConversationId), seekerId);
    }

    private async Task<FloorView> FloorWhere(Func<FloorView, bool> match, string what, TimeSpan? timeout = null)
    {
        FloorView? floor = null;
        await Eventually.True(async () =>
        {
            await KeepTestHostAlive();
            return match(floor = await Floor.Watch("floor-supervisor"));
        }, what, timeout);
        return floor!;
    }

    /// <summary>The pretend gateway the test's supporters are connected to checks in, as a live one does: an offer held for them stays.</summary>
    private Task KeepTestHostAlive() => Grains.GetGrain<IHostRollGrain>(0).CheckIn("test-host", silo: null);
}
