using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Supervision;

/// <summary>A supervisor moves chats on a real (test) cluster: places held under races, the supporter before released.</summary>
[Trait("Tier", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class SupervisorMoveTests(ClusterFixture fixture)
{
    // Each test speaks a language of its own, so supporters left online by one test never take another test's offers.
    private readonly string _language = People.NewLanguage();

    private IGrainFactory Grains => fixture.Grains;

    private async Task<(string ConversationId, IConversationGrain Grain, Participant Seeker)> WaitingConversation()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var grain = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await grain.RequestPeer(Participant.Seeker(seekerId));
        return (view.ConversationId, grain, Participant.Seeker(seekerId));
    }

    private async Task<Participant> Supervisor(string name, bool crisisTrained = false)
    {
        var id = await People.Supporter(Grains, name, _language, crisisTrained: crisisTrained, capacity: 2, role: Role.Supervisor);
        await Grains.GetGrain<ISupporterGrain>(id).SetAvailability(Presence.Away); // offered nothing: they only step in
        return new Participant(Role.Supervisor, id);
    }

    [Fact]
    public async Task Two_chats_given_at_once_to_someone_with_room_for_one_take_exactly_the_one_place()
    {
        var sam = await Supervisor("Sam");
        var annId = await People.Supporter(Grains, "Ann", _language, capacity: 1);
        var ann = Grains.GetGrain<ISupporterGrain>(annId);
        var first = await WaitingConversation();
        var second = await WaitingConversation();

        var results = await Task.WhenAll(
            Capture(() => ann.Appoint(first.ConversationId, sam)),
            Capture(() => ann.Appoint(second.ConversationId, sam)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r?.Code == ErrorCodes.Conflict && r.Message.Contains("no room", StringComparison.Ordinal));
        Assert.Equal(1, (await ann.View()).ActiveChats);
        var statuses = new[] { (await first.Grain.View(first.Seeker)).Status, (await second.Grain.View(second.Seeker)).Status };
        Assert.Equal([ConversationStatus.Waiting, ConversationStatus.Peer], statuses.Order());
        await ann.SetAvailability(Presence.Offline);
    }

    [Fact]
    public async Task A_take_over_frees_the_supporter_before_and_the_person_goes_on_talking_to_the_supervisor()
    {
        var sam = await Supervisor("Sam");
        var jakeId = await People.Supporter(Grains, "Jake", _language, capacity: 1);
        var jake = Grains.GetGrain<ISupporterGrain>(jakeId);
        var chat = await WaitingConversation();
        await jake.Accept((await People.OfferFor(Grains, jakeId, chat.ConversationId)).OfferId);
        Assert.Equal(1, (await jake.View()).ActiveChats);

        var view = await Grains.GetGrain<ISupporterGrain>(sam.Id).Appoint(chat.ConversationId, sam);

        Assert.Equal((ConversationStatus.Peer, sam.Id), (view.Status, view.Supporter?.SupporterId));
        Assert.Equal(0, (await jake.View()).ActiveChats);
        Assert.Equal(1, (await Grains.GetGrain<ISupporterGrain>(sam.Id).View()).ActiveChats);
        var refused = await Assert.ThrowsAsync<HelplineException>(() => chat.Grain.Send(Participant.Supporter(jakeId), null, "still here?"));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        await chat.Grain.Send(chat.Seeker, null, "thank you for staying with me");
        var history = await chat.Grain.History(sam, 0);
        Assert.Contains(history, m => m.Sender == Sender.System && m.Text == "Sam, a supervisor, is taking over from Jake.");
        Assert.Contains(history, m => m.Sender == Sender.Seeker && m.Text == "thank you for staying with me");
        await jake.SetAvailability(Presence.Offline);
    }

    [Fact]
    public async Task A_red_flag_goes_only_to_someone_trained_for_it_and_is_taken_from_the_queue()
    {
        var sam = await Supervisor("Sam");
        var annId = await People.Supporter(Grains, "Ann", _language, capacity: 2);
        var chat = await WaitingConversation();
        await chat.Grain.SetRisk(sam, RiskLevel.High, "Said he has a plan for tonight");

        var refused = await Assert.ThrowsAsync<HelplineException>(
            () => Grains.GetGrain<ISupporterGrain>(annId).Appoint(chat.ConversationId, sam));
        Assert.Equal(ErrorCodes.Conflict, refused.Code);
        Assert.Equal(0, (await Grains.GetGrain<ISupporterGrain>(annId).View()).ActiveChats);

        var ruthId = await People.Supporter(Grains, "Ruth", _language, crisisTrained: true, capacity: 2);
        var ruth = Grains.GetGrain<ISupporterGrain>(ruthId);
        var offer = await People.OfferFor(Grains, ruthId, chat.ConversationId);
        var view = await ruth.Appoint(chat.ConversationId, sam);
        Assert.Equal(ruthId, view.Supporter?.SupporterId);

        // Out of the queue: the offer it had made is withdrawn, and accepting it now is refused.
        await Eventually.True(async () => (await ruth.OpenOffers()).All(o => o.OfferId != offer.OfferId), "the offer withdrawn");
        Assert.Equal(1, (await ruth.View()).ActiveChats);
        await Grains.GetGrain<ISupporterGrain>(annId).SetAvailability(Presence.Offline);
        await ruth.SetAvailability(Presence.Offline);
    }

    private static async Task<HelplineException?> Capture(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (HelplineException refusal)
        {
            return refusal;
        }
    }
}
