using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Matching;

/// <summary>Matching through the grains on a two-silo test cluster, the matchmaker split in four shards.</summary>
[Trait("Tier", "Cluster")]
public sealed class MatchmakerClusterTests(MatchingCluster helpline) : IClassFixture<MatchingCluster>
{
    [Fact]
    public async Task Capacity_is_never_exceeded_when_offers_from_every_shard_are_accepted_at_once()
    {
        var language = MatchingCluster.Language();
        var supporters = new[]
        {
            await helpline.Supporter(language, "Jake", [], capacity: 2),
            await helpline.Supporter(language, "Priya", [], capacity: 2),
            await helpline.Supporter(language, "Sam", [], capacity: 2),
        };
        var seekers = new List<(string SeekerId, IConversationGrain Conversation)>();
        for (var i = 0; i < 12; i++)
        {
            seekers.Add(await helpline.Seeker(language));
        }

        await Task.WhenAll(seekers.Select(s => s.Conversation.RequestPeer(Participant.Seeker(s.SeekerId))));

        // Every supporter accepts every offer they see, all at once, until every place is taken.
        await Eventually.True(async () =>
        {
            var offers = await Task.WhenAll(supporters.Select(async s => (Supporter: s, Offers: await s.OpenOffers())));
            await Task.WhenAll(offers.SelectMany(o => o.Offers.Select(offer => AcceptIfStillOpen(o.Supporter, offer.OfferId))));
            var views = await Task.WhenAll(supporters.Select(s => s.View()));
            Assert.All(views, v => Assert.InRange(v.ActiveChats, 0, v.Capacity));
            return views.Sum(v => v.ActiveChats) == 6;
        }, "all six places to be taken");

        var conversations = await Task.WhenAll(seekers.Select(s => s.Conversation.View(Participant.Seeker(s.SeekerId))));
        var joined = conversations.Where(c => c.Status == ConversationStatus.Peer).ToArray();
        Assert.Equal(6, joined.Length);
        Assert.All(
            joined.GroupBy(c => c.Supporter!.SupporterId),
            perSupporter => Assert.Equal(2, perSupporter.Count()));
        Assert.All((await Task.WhenAll(supporters.Select(s => s.View()))), v => Assert.Equal(2, v.ActiveChats));
    }

    [Fact]
    public async Task At_2_am_Mark_is_offered_to_Jake_and_both_see_why()
    {
        var language = MatchingCluster.Language();
        var jake = await helpline.Supporter(language, "Jake", [Themes.Relationship, Themes.Work]);
        var sam = await helpline.Supporter(language, "Sam", [Themes.Grief]);
        var (mark, conversation) = await helpline.Seeker(language);

        await conversation.Send(Participant.Seeker(mark), null, "My job is shaky, the breakup still hurts, and I feel so alone");
        await conversation.RequestPeer(Participant.Seeker(mark));

        var offer = await OfferTo(jake);
        Assert.Contains("has lived experience of job loss and relationship breakup", offer.Reasons);
        Assert.Empty(await sam.OpenOffers());

        var joined = await jake.Accept(offer.OfferId);
        Assert.Equal(ConversationStatus.Peer, joined.Status);
        var seen = await conversation.View(Participant.Seeker(mark));
        Assert.Equal("Jake", seen.Supporter!.DisplayName);
        Assert.Equal([Themes.Work, Themes.Relationship], seen.Supporter.SharedExperience);
    }

    [Fact]
    public async Task A_red_flag_is_offered_only_to_crisis_trained_supporters()
    {
        var language = MatchingCluster.Language();
        var jake = await helpline.Supporter(language, "Jake", [Themes.Work]);
        var ana = await helpline.Supporter(language, "Ana", [], crisisTrained: true);
        var (seeker, conversation) = await helpline.Seeker(language);

        await conversation.Send(Participant.Seeker(seeker), null, "I've saved up enough of my tablets and lost my job");

        var offer = await OfferTo(ana);
        Assert.Equal(RiskLevel.Imminent, offer.Risk);
        Assert.Contains("is trained for crisis conversations", offer.Reasons);
        Assert.Empty(await jake.OpenOffers());
    }

    [Fact]
    public async Task A_supporter_going_offline_mid_offer_loses_it_at_once_and_it_moves_on()
    {
        var language = MatchingCluster.Language();
        var jake = await helpline.Supporter(language, "Jake", []);
        var priya = await helpline.Supporter(language, "Priya", []);
        var (seeker, conversation) = await helpline.Seeker(language);
        await conversation.RequestPeer(Participant.Seeker(seeker));
        var jakes = await OfferTo(jake);
        await OfferTo(priya);

        await jake.SetAvailability(Presence.Offline);
        Assert.Empty(await jake.OpenOffers());
        await Assert.ThrowsAsync<HelplineException>(() => jake.Accept(jakes.OfferId));

        var sam = await helpline.Supporter(language, "Sam", []);
        Assert.Equal(jakes.ConversationId, (await OfferTo(sam)).ConversationId);

        await priya.Disconnected("test-host");
        Assert.Empty(await priya.OpenOffers());
    }

    private static async Task<OfferView> OfferTo(ISupporterGrain supporter)
    {
        OfferView? offer = null;
        await Eventually.True(async () => (offer = (await supporter.OpenOffers()).FirstOrDefault()) is not null, "an offer");
        return offer!;
    }

    private static async Task AcceptIfStillOpen(ISupporterGrain supporter, string offerId)
    {
        try
        {
            await supporter.Accept(offerId);
        }
        catch (HelplineException refusal) when (refusal.Code == ErrorCodes.Conflict)
        {
            // Someone else took the conversation first, or the supporter is full: the offer is over. Any other refusal
            // is a fault, and fails the test.
        }
    }
}
