using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Grains;

/// <summary>Offers on a real (test) cluster: expiry, decline and capacity under concurrent accepts.</summary>
[Trait("Tier", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class OfferTests(ClusterFixture fixture)
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

    // The supporter grain refuses to hold more offers than free places, so "two offers held with room for one" cannot be
    // reached through its interface: the first test checks that refusal, the second two accepts of offers really held.
    [Fact]
    public async Task With_room_for_one_a_second_shards_offer_is_not_held_and_of_two_accepts_at_once_exactly_one_succeeds()
    {
        var supporterId = await People.Supporter(Grains, "Room for one", _language, capacity: 1);
        var supporter = Grains.GetGrain<ISupporterGrain>(supporterId);
        var first = await WaitingConversation();
        var held = await People.OfferFor(Grains, supporterId, first.ConversationId);
        var second = await WaitingConversation();

        // Another shard offers the second conversation while the first offer is held: the only place is promised.
        var fromAnotherShard = TestOffer(second.ConversationId, supporterId);
        await supporter.ReceiveOffer(fromAnotherShard);
        // ReceiveOffer is one-way; this caller's next call to the grain is handled after it.
        Assert.Equal([held.OfferId], (await supporter.OpenOffers()).Select(o => o.OfferId));

        var results = await Task.WhenAll(
            Capture(() => supporter.Accept(held.OfferId)),
            Capture(() => supporter.Accept(fromAnotherShard.OfferId)));

        Assert.Null(results[0]);
        Assert.Equal(ErrorCodes.Conflict, results[1]?.Code);
        Assert.Equal(1, (await supporter.View()).ActiveChats);
        Assert.Equal(ConversationStatus.Waiting, (await second.Grain.View(second.Seeker)).Status);
        await supporter.SetAvailability(Presence.Offline);
    }

    [Fact]
    public async Task Two_offers_held_at_once_and_accepted_at_once_take_exactly_the_two_places()
    {
        var supporterId = await People.Supporter(Grains, "Room for two", _language, capacity: 2);
        var supporter = Grains.GetGrain<ISupporterGrain>(supporterId);
        var first = await WaitingConversation();
        var second = await WaitingConversation();
        await Eventually.True(async () => (await supporter.OpenOffers()).Length == 2, "the supporter to hold both offers at once");
        var offers = await supporter.OpenOffers();

        var results = await Task.WhenAll(offers.Select(o => Capture(() => supporter.Accept(o.OfferId))));

        Assert.All(results, Assert.Null);
        Assert.Equal(2, (await supporter.View()).ActiveChats);
        Assert.Equal(ConversationStatus.Peer, (await first.Grain.View(first.Seeker)).Status);
        Assert.Equal(ConversationStatus.Peer, (await second.Grain.View(second.Seeker)).Status);
        await supporter.SetAvailability(Presence.Offline);
    }

    [Fact]
    public async Task Two_supporters_accepting_one_conversation_at_once_leave_exactly_one_assigned()
    {
        var (conversationId, _, _) = await WaitingConversation();
        var a = Grains.GetGrain<ISupporterGrain>(await People.Supporter(Grains, "A", capacity: 5, language: _language));
        var b = Grains.GetGrain<ISupporterGrain>(await People.Supporter(Grains, "B", capacity: 5, language: _language));
        await a.ReceiveOffer(TestOffer(conversationId, a.GetPrimaryKeyString()));
        await b.ReceiveOffer(TestOffer(conversationId, b.GetPrimaryKeyString()));
        var offerA = (await a.OpenOffers()).First(o => o.ConversationId == conversationId);
        var offerB = (await b.OpenOffers()).First(o => o.ConversationId == conversationId);

        var results = await Task.WhenAll(Capture(() => a.Accept(offerA.OfferId)), Capture(() => b.Accept(offerB.OfferId)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r?.Code == ErrorCodes.Conflict);
        var assigned = (await a.View()).ActiveChats + (await b.View()).ActiveChats;
        Assert.Equal(1, assigned);
    }

    [Fact]
    public async Task A_red_flag_offer_from_another_shard_takes_the_place_of_a_calmer_one()
    {
        var supporterId = await People.Supporter(Grains, "Crisis trained", crisisTrained: true, capacity: 1, language: _language);
        var supporter = Grains.GetGrain<ISupporterGrain>(supporterId);
        var calm = await WaitingConversation();
        var urgent = await WaitingConversation();
        await Eventually.True(async () => (await supporter.OpenOffers()).Length == 1, "the supporter to hold one offer");
        var held = (await supporter.OpenOffers()).Single();

        var redFlag = TestOffer(held.ConversationId == calm.ConversationId ? urgent.ConversationId : calm.ConversationId, supporterId)
            with { Risk = RiskLevel.Imminent };
        await supporter.ReceiveOffer(redFlag);

        await Eventually.True(async () => (await supporter.OpenOffers()).Any(o => o.OfferId == redFlag.OfferId), "the red flag to be held");
        Assert.DoesNotContain(await supporter.OpenOffers(), o => o.OfferId == held.OfferId);
        await supporter.SetAvailability(Presence.Offline);
    }

    [Fact]
    public async Task A_red_flag_reaches_the_only_crisis_trained_supporter_while_they_cool_down_and_a_calmer_chat_does_not()
    {
        var supporterId = await People.Supporter(Grains, "Only crisis trained", crisisTrained: true, capacity: 3, language: _language);
        var supporter = Grains.GetGrain<ISupporterGrain>(supporterId);
        var (first, firstGrain) = await RedFlagConversation();
        await supporter.Accept((await People.OfferFor(Grains, supporterId, first)).OfferId);
        await firstGrain.End(Participant.Supporter(supporterId), null, null);
        await Eventually.True(async () => (await supporter.View()).ActiveChats == 0, "the red-flag chat to end and the cool-down to start");

        var (calm, _, _) = await WaitingConversation();
        var (urgent, _) = await RedFlagConversation();

        await People.OfferFor(Grains, supporterId, urgent);
        Assert.DoesNotContain(await supporter.OpenOffers(), o => o.ConversationId == calm);
        await supporter.SetAvailability(Presence.Offline);
    }

    private async Task<(string ConversationId, IConversationGrain Grain)> RedFlagConversation()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var grain = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await grain.Send(Participant.Seeker(seekerId), "m1", "I've already taken all my tablets");
        return (view.ConversationId, grain);
    }

    [Fact]
    public async Task An_expired_offer_moves_on_to_the_next_supporter()
    {
        var first = await People.Supporter(Grains, "First", capacity: 9, language: _language);
        var (conversationId, _, _) = await WaitingConversation();
        var offered = await People.OfferFor(Grains, first, conversationId);

        var second = await People.Supporter(Grains, "Second", capacity: 1, language: _language);
        await Eventually.True(async () =>
            (await Grains.GetGrain<ISupporterGrain>(first).OpenOffers()).All(o => o.OfferId != offered.OfferId),
            "the offer to expire");
        var next = await People.OfferFor(Grains, second, conversationId);
        Assert.NotEqual(offered.OfferId, next.OfferId);
        await Grains.GetGrain<ISupporterGrain>(first).SetAvailability(Presence.Offline);
        await Grains.GetGrain<ISupporterGrain>(second).SetAvailability(Presence.Offline);
    }

    [Fact]
    public async Task A_declined_offer_is_never_made_to_the_same_supporter_again()
    {
        var decliner = await People.Supporter(Grains, "Decliner", capacity: 9, language: _language);
        var (conversationId, _, _) = await WaitingConversation();
        var offer = await People.OfferFor(Grains, decliner, conversationId);

        await Grains.GetGrain<ISupporterGrain>(decliner).Decline(offer.OfferId);
        var other = await People.Supporter(Grains, "Other", capacity: 1, language: _language);

        await People.OfferFor(Grains, other, conversationId);
        Assert.DoesNotContain(await Grains.GetGrain<ISupporterGrain>(decliner).OpenOffers(), o => o.ConversationId == conversationId);
        await Grains.GetGrain<ISupporterGrain>(decliner).SetAvailability(Presence.Offline);
        await Grains.GetGrain<ISupporterGrain>(other).SetAvailability(Presence.Offline);
    }

    /// <summary>An offer as a shard of the test's own language would make it, so returning it touches no other test.</summary>
    private Offer TestOffer(string conversationId, string supporterId) => new(
        Guid.NewGuid().ToString("N"), conversationId, supporterId, $"{_language}/0", [], RiskLevel.Low, ["test"], [],
        DateTimeOffset.UtcNow.AddMinutes(5), new HandoffCard("", [], [], []));

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
