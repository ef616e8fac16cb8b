using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Supporters;

/// <summary>Wrap-ups are kept whoever ends first, indexed by supporter, read only by supervisors and admins, and erased with the person.</summary>
[Trait("Tier", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class WrapUpTests(ClusterFixture fixture)
{
    private readonly string _language = People.NewLanguage();

    private IGrainFactory Grains => fixture.Grains;

    private static readonly Participant Supervisor = new(Role.Supervisor, Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_person_ends_first_and_rates_then_the_supporter_leaves_a_note_and_both_are_kept()
    {
        var (seeker, supporterId, conversation) = await PeerChat();

        await conversation.End(seeker, 4, null);
        var afterPerson = Assert.Single(await WrapUps(supporterId).Recent(10));
        Assert.Equal((4, (string?)null), (afterPerson.Rating, afterPerson.Note));

        await conversation.End(Participant.Supporter(supporterId), null, "Talked through tonight; she will call her sister.");
        var both = Assert.Single(await WrapUps(supporterId).Recent(10));
        Assert.Equal((4, "Talked through tonight; she will call her sister."), (both.Rating, both.Note));
        Assert.Equal(Summary(both), Summary(await conversation.WrapUp(Supervisor)));
        Assert.NotNull(both.EndedAt);
        Assert.Equal("Jake", both.SupporterName);
    }

    [Fact]
    public async Task The_supporter_ends_first_with_a_note_and_the_person_rates_afterwards()
    {
        var (seeker, supporterId, conversation) = await PeerChat();

        await conversation.End(Participant.Supporter(supporterId), null, "Grounding helped.");
        await conversation.End(seeker, 5, null);

        var wrapUp = await conversation.WrapUp(new Participant(Role.Admin, Guid.NewGuid().ToString("N")));
        Assert.Equal((5, "Grounding helped."), (wrapUp.Rating, wrapUp.Note));
        Assert.Equal(Summary(wrapUp), Summary(Assert.Single(await WrapUps(supporterId).Recent(10))));
    }

    [Fact]
    public async Task A_side_cannot_change_its_wrap_up_once_given()
    {
        var (seeker, supporterId, conversation) = await PeerChat();
        await conversation.End(seeker, 2, null);
        await conversation.End(seeker, 5, null);
        await conversation.End(Participant.Supporter(supporterId), null, "First note.");
        await conversation.End(Participant.Supporter(supporterId), null, "Second note.");

        var wrapUp = Assert.Single(await WrapUps(supporterId).Recent(10));
        Assert.Equal((2, "First note."), (wrapUp.Rating, wrapUp.Note));
    }

    [Fact]
    public async Task Newest_chat_comes_first()
    {
        var supporterId = await People.Supporter(Grains, "Jake", _language, capacity: 3);
        var first = await PeerChat(supporterId);
        var second = await PeerChat(supporterId);
        await first.Conversation.End(first.Seeker, 3, null);
        await second.Conversation.End(second.Seeker, 5, null);

        var recent = await WrapUps(supporterId).Recent(10);
        Assert.Equal([second.Conversation.GetPrimaryKeyString(), first.Conversation.GetPrimaryKeyString()],
            recent.Select(w => w.ConversationId));
        Assert.Single(await WrapUps(supporterId).Recent(1));
    }

    [Fact]
    public async Task Only_supervisors_and_admins_read_a_wrap_up_and_the_people_in_the_chat_do_not()
    {
        var (seeker, supporterId, conversation) = await PeerChat();
        await conversation.End(seeker, 4, null);

        await Refused(ErrorCodes.Forbidden, () => conversation.WrapUp(seeker));
        await Refused(ErrorCodes.Forbidden, () => conversation.WrapUp(Participant.Supporter(supporterId)));
        await Refused(ErrorCodes.NotFound, () => Grains.GetGrain<IConversationGrain>(Guid.NewGuid().ToString("N")).WrapUp(Supervisor));
        await Refused(ErrorCodes.Invalid, () => WrapUps(supporterId).Recent(0));
    }

    [Fact]
    public async Task A_chat_the_AI_alone_had_has_no_wrap_up_to_read()
    {
        var seekerId = await People.Seeker(Grains, _language);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await conversation.Send(Participant.Seeker(seekerId), "c1", "hello");
        await conversation.End(Participant.Seeker(seekerId), 5, null);

        await Refused(ErrorCodes.NotFound, () => conversation.WrapUp(Supervisor));
    }

    [Fact]
    public async Task Erasing_the_person_erases_their_chat_from_the_supporters_wrap_ups()
    {
        var supporterId = await People.Supporter(Grains, "Jake", _language, capacity: 3);
        var kept = await PeerChat(supporterId);
        var erased = await PeerChat(supporterId);
        await kept.Conversation.End(kept.Seeker, 4, null);
        await erased.Conversation.End(Participant.Supporter(supporterId), null, "A note about this person.");

        await Grains.GetGrain<IHelpSeekerGrain>(erased.Seeker.Id).Erase();

        var left = Assert.Single(await WrapUps(supporterId).Recent(10));
        Assert.Equal(kept.Conversation.GetPrimaryKeyString(), left.ConversationId);
    }

    private static (string, string, int?, string?, DateTimeOffset?) Summary(WrapUpView w) =>
        (w.ConversationId, w.SupporterId, w.Rating, w.Note, w.EndedAt);

    private ISupporterWrapUpsGrain WrapUps(string supporterId) => Grains.GetGrain<ISupporterWrapUpsGrain>(supporterId);

    private async Task<(Participant Seeker, string SupporterId, IConversationGrain Conversation)> PeerChat()
    {
        var supporterId = await People.Supporter(Grains, "Jake", _language);
        var (seeker, conversation) = await PeerChat(supporterId);
        return (seeker, supporterId, conversation);
    }

    private async Task<(Participant Seeker, IConversationGrain Conversation)> PeerChat(string supporterId)
    {
        var seekerId = await People.Seeker(Grains, _language);
        var seeker = Participant.Seeker(seekerId);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await conversation.Send(seeker, "c1", "hello");
        await conversation.RequestPeer(seeker);
        var offer = await People.OfferFor(Grains, supporterId, view.ConversationId);
        await Grains.GetGrain<ISupporterGrain>(supporterId).Accept(offer.OfferId);
        return (seeker, conversation);
    }

    private static async Task Refused(string code, Func<Task> call) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<HelplineException>(call)).Code);
}
