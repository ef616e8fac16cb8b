using StoriBoard.Supporters;

namespace StoriBoard.Tests.Supporters;

/// <summary>The rules for holding and accepting offers, on one supporter's held offers alone.</summary>
[Trait("Tier", "Unit")]
public sealed class HeldOffersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly HandoffCard Card = new("", [], [], []);

    private static SupporterSituation Online(int activeChats = 0, int capacity = 2, DateTimeOffset? coolDownUntil = null) =>
        new(Presence.Online, activeChats, capacity, coolDownUntil, Now);

    private static Offer OfferOf(string id, RiskLevel risk) =>
        new(id, $"conversation-{id}", "jake", "en-0", [], risk, [], [], Now.AddSeconds(30), Card);

    [Fact]
    public void Held_offers_count_as_taken_places_so_a_full_supporter_hands_the_next_back()
    {
        var offers = new HeldOffers();

        Assert.True(offers.Receive(OfferOf("a", RiskLevel.Low), Online(activeChats: 1)).Held);
        var second = offers.Receive(OfferOf("b", RiskLevel.Low), Online(activeChats: 1));

        Assert.False(second.Held);
        Assert.Null(second.Displaced);
        Assert.Equal(1, offers.Count);
    }

    [Fact]
    public void A_red_flag_takes_the_place_of_the_calmest_held_offer()
    {
        var offers = new HeldOffers();
        offers.Receive(OfferOf("moderate", RiskLevel.Moderate), Online());
        offers.Receive(OfferOf("low", RiskLevel.Low), Online());

        var arrival = offers.Receive(OfferOf("red", RiskLevel.Imminent), Online());

        Assert.True(arrival.Held);
        Assert.Equal("low", arrival.Displaced?.OfferId);
        Assert.Equal(["moderate", "red"], offers.All.Select(o => o.OfferId).Order());
    }

    [Fact]
    public void A_red_flag_displaces_nothing_when_every_held_offer_is_as_serious()
    {
        var offers = new HeldOffers();
        offers.Receive(OfferOf("first", RiskLevel.Imminent), Online(capacity: 1));

        var arrival = offers.Receive(OfferOf("second", RiskLevel.High), Online(capacity: 1));

        Assert.False(arrival.Held);
        Assert.Null(arrival.Displaced);
    }

    [Theory]
    [InlineData(RiskLevel.Low, false)]
    [InlineData(RiskLevel.Moderate, false)]
    [InlineData(RiskLevel.High, true)]
    [InlineData(RiskLevel.Imminent, true)]
    public void Only_a_red_flag_reaches_a_supporter_cooling_down(RiskLevel risk, bool held)
    {
        var offers = new HeldOffers();

        Assert.Equal(held, offers.Receive(OfferOf("a", risk), Online(coolDownUntil: Now.AddMinutes(5))).Held);
    }

    [Theory]
    [InlineData(Presence.Away)]
    [InlineData(Presence.Offline)]
    public void A_supporter_who_is_not_online_holds_nothing(Presence presence)
    {
        var offers = new HeldOffers();

        var arrival = offers.Receive(OfferOf("red", RiskLevel.Imminent), Online() with { Presence = presence });

        Assert.False(arrival.Held);
        Assert.Equal(0, offers.Count);
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    public void An_offer_is_accepted_only_while_a_place_is_free(int activeChats, int capacity, bool room)
    {
        Assert.Equal(room, HeldOffers.HasRoomToAccept(Online(activeChats, capacity)));
    }

    [Fact]
    public void Shards_hear_again_when_fewer_offers_are_held_than_they_were_told()
    {
        var offers = new HeldOffers();
        offers.Receive(OfferOf("a", RiskLevel.Low), Online());
        offers.Receive(OfferOf("b", RiskLevel.Low), Online());
        offers.Announced();
        Assert.False(offers.ShardsThinkFuller);

        Assert.True(offers.TryTake("a", out var taken));
        Assert.Equal("a", taken.OfferId);
        Assert.True(offers.ShardsThinkFuller);
        Assert.False(offers.TryTake("a", out _));
    }
}
