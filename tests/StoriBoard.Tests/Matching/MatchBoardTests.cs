using StoriBoard.Matching;

namespace StoriBoard.Tests.Matching;

[Trait("Tier", "Unit")]
public sealed class MatchBoardTests
{
    private static readonly (string, double)[] MarksThemes =
        [(Themes.Work, 0.9), (Themes.Relationship, 0.8), (Themes.Loneliness, 0.7)];

    private readonly Helpline _helpline = new();

    [Fact]
    public void At_2_am_Mark_is_offered_to_Jake_who_shares_his_experience_over_a_less_loaded_supporter_without_it()
    {
        // No waiting for shared experience: the score alone decides.
        _helpline.Options.LivedExperienceWait = TimeSpan.Zero;
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Relationship, Themes.Work], capacity: 3, activeChats: 2));
        board.UpdateSupporter(Helpline.Supporter("Sam", [Themes.Grief], capacity: 3));

        var changes = board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes));

        var offer = Assert.Single(changes.Made);
        Assert.Equal("jake", offer.SupporterId);
        Assert.Contains("has lived experience of job loss and relationship breakup", offer.Reasons);
        Assert.Equal([Themes.Work, Themes.Relationship], offer.SharedExperience);
        Assert.Equal(Helpline.Start + _helpline.Options.OfferTimeout, offer.ExpiresAt);
    }

    [Fact]
    public void A_red_flag_skips_ahead_of_ten_waiting_conversations_and_goes_only_to_crisis_trained_supporters()
    {
        var board = _helpline.Board();
        for (var i = 0; i < 10; i++)
        {
            board.Enqueue(Helpline.Seeker($"low-{i}", waitingSince: Helpline.Start.AddSeconds(i)));
        }

        _helpline.Clock.Advance(TimeSpan.FromMinutes(1));
        board.Enqueue(Helpline.Seeker("red", RiskLevel.High, waitingSince: _helpline.Clock.GetUtcNow()));
        Assert.Equal("red", board.Queue.First().ConversationId);

        var untrained = board.UpdateSupporter(Helpline.Supporter("Sam", capacity: 1));
        Assert.Equal("low-0", Assert.Single(untrained.Made).ConversationId);

        var trained = board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1));
        var offer = Assert.Single(trained.Made);
        Assert.Equal(("red", "ana"), (offer.ConversationId, offer.SupporterId));
        Assert.Contains("is trained for crisis conversations", offer.Reasons);
    }

    [Fact]
    public void A_red_flag_takes_the_place_of_a_calmer_conversations_offer_to_a_crisis_trained_supporter()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1));
        var calm = Assert.Single(board.Enqueue(Helpline.Seeker("calm")).Made);

        var changes = board.Enqueue(Helpline.Seeker("red", RiskLevel.Imminent));

        Assert.Equal(calm.OfferId, Assert.Single(changes.Withdrawn).OfferId);
        var offer = Assert.Single(changes.Made);
        Assert.Equal(("red", "ana"), (offer.ConversationId, offer.SupporterId));
        Assert.Equal("calm", Assert.Single(board.UpdateSupporter(Helpline.Supporter("Sam")).Made).ConversationId);
    }

    [Fact]
    public void A_calmer_chat_goes_elsewhere_before_it_fills_a_crisis_trained_supporters_last_place()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 2, activeChats: 1));
        board.UpdateSupporter(Helpline.Supporter("Sam", capacity: 2, activeChats: 1));

        var calm = Assert.Single(board.Enqueue(Helpline.Seeker("calm")).Made);
        Assert.Equal("sam", calm.SupporterId);

        var red = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.High)).Made);
        Assert.Equal("ana", red.SupporterId);
    }

    [Fact]
    public void A_red_flag_is_offered_to_a_crisis_trained_supporter_whose_room_is_held_by_another_shards_offer()
    {
        var board = _helpline.Board();
        // Ana has room for one chat, held by an offer from another shard (which her grain may give up for a red flag).
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1) with { HeldOfferIds = ["from-another-shard"] });

        Assert.Empty(board.Enqueue(Helpline.Seeker("calm")).Made);
        var offer = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.Imminent)).Made);
        Assert.Equal(("red", "ana"), (offer.ConversationId, offer.SupporterId));

        // Handed back (everything Ana held was a red flag too): not offered to her again from here.
        var handedBack = board.Returned(offer.OfferId, Helpline.Supporter("Ana", crisisTrained: true, capacity: 1) with { HeldOfferIds = ["from-another-shard"] });
        Assert.Empty(handedBack.Made);
    }

    [Fact]
    public void A_waiting_conversation_whose_risk_rises_to_a_red_flag_moves_its_offer_to_a_crisis_trained_supporter()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Sam", [Themes.Work]));
        Assert.Equal("sam", Assert.Single(board.Enqueue(Helpline.Seeker("c1", themes: MarksThemes)).Made).SupporterId);
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true));

        var changes = board.Enqueue(Helpline.Seeker("c1", RiskLevel.Imminent, MarksThemes));

        Assert.Equal("sam", Assert.Single(changes.Withdrawn).SupporterId);
        Assert.Equal("ana", Assert.Single(changes.Made).SupporterId);
    }

    [Fact]
    public void A_crisis_trained_supporter_holding_an_offer_that_becomes_a_red_flag_is_offered_it_again_at_the_new_risk()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", [Themes.Work], crisisTrained: true));
        Assert.Equal(RiskLevel.Moderate, Assert.Single(board.Enqueue(Helpline.Seeker("c1", RiskLevel.Moderate, MarksThemes)).Made).Risk);

        var changes = board.Enqueue(Helpline.Seeker("c1", RiskLevel.High, MarksThemes));

        Assert.Equal(RiskLevel.Moderate, Assert.Single(changes.Withdrawn).Risk);
        var again = Assert.Single(changes.Made);
        Assert.Equal(("ana", RiskLevel.High), (again.SupporterId, again.Risk));
    }

    [Fact]
    public void With_no_shared_experience_free_it_waits_the_configured_time_then_falls_back_to_anyone_qualified()
    {
        _helpline.Options.LivedExperienceWait = TimeSpan.FromSeconds(20);
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work], capacity: 1, activeChats: 1));
        board.UpdateSupporter(Helpline.Supporter("Sam", [Themes.Grief]));

        Assert.Empty(board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes)).Made);
        _helpline.Clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Empty(board.Sweep().Made);

        _helpline.Clock.Advance(TimeSpan.FromSeconds(1));
        var offer = Assert.Single(board.Sweep().Made);
        Assert.Equal("sam", offer.SupporterId);
        Assert.Contains("nobody who shares their experience was free in time", offer.Reasons);
    }

    [Fact]
    public void A_shared_experience_supporter_who_frees_up_during_the_wait_gets_the_offer()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work], capacity: 1, activeChats: 1));
        board.UpdateSupporter(Helpline.Supporter("Sam", [Themes.Grief]));
        board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes));

        _helpline.Clock.Advance(TimeSpan.FromSeconds(5));
        var changes = board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work], capacity: 1, activeChats: 0));

        Assert.Equal("jake", Assert.Single(changes.Made).SupporterId);
    }

    [Fact]
    public void Red_flags_never_wait_for_shared_experience()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work], crisisTrained: true, capacity: 1, activeChats: 1));
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true));

        Assert.Equal("ana", Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.High, MarksThemes)).Made).SupporterId);
    }

    [Fact]
    public void Nobody_waits_for_shared_experience_that_no_online_supporter_has()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Sam", [Themes.Grief]));

        Assert.Equal("sam", Assert.Single(board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes)).Made).SupporterId);
    }

    [Fact]
    public void A_decline_re_offers_to_the_next_best_and_never_back_to_the_one_who_declined()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work, Themes.Relationship]));
        board.UpdateSupporter(Helpline.Supporter("Priya", [Themes.Loneliness]));
        board.UpdateSupporter(Helpline.Supporter("Sam"));
        var first = Assert.Single(board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes)).Made);
        Assert.Equal("jake", first.SupporterId);

        var second = Assert.Single(board.Declined(first.OfferId).Made);
        Assert.Equal("priya", second.SupporterId);
        var third = Assert.Single(board.Declined(second.OfferId).Made);
        Assert.Equal("sam", third.SupporterId);
        Assert.Empty(board.Declined(third.OfferId).Made);
    }

    [Fact]
    public void An_expired_offer_moves_on_to_the_next_best_then_comes_back_rather_than_leave_the_person_stuck()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work]));
        board.UpdateSupporter(Helpline.Supporter("Sam"));
        var first = Assert.Single(board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes)).Made);

        _helpline.Clock.Advance(_helpline.Options.OfferTimeout);
        var changes = board.Sweep();
        Assert.Equal(first.OfferId, Assert.Single(changes.Withdrawn).OfferId);
        Assert.Equal("sam", Assert.Single(changes.Made).SupporterId);

        _helpline.Clock.Advance(_helpline.Options.OfferTimeout);
        Assert.Equal("jake", Assert.Single(board.Sweep().Made).SupporterId);
    }

    [Fact]
    public void A_supporter_going_offline_mid_offer_stops_receiving_offers_and_the_offer_moves_on()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work]));
        board.UpdateSupporter(Helpline.Supporter("Sam"));
        var first = Assert.Single(board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes)).Made);

        var changes = board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work], presence: Presence.Offline));

        Assert.Equal(first.OfferId, Assert.Single(changes.Withdrawn).OfferId);
        Assert.Equal("sam", Assert.Single(changes.Made).SupporterId);
        // Sam still has room, so the next person is offered to Sam, never to Jake (an empty answer would prove nothing).
        Assert.Equal("sam", Assert.Single(board.Enqueue(Helpline.Seeker("lee", themes: MarksThemes)).Made).SupporterId);
    }

    [Fact]
    public void Configured_to_offer_the_best_two_at_once_and_the_first_to_accept_wins()
    {
        _helpline.Options.OffersAtOnce = 2;
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", [Themes.Work, Themes.Relationship]));
        board.UpdateSupporter(Helpline.Supporter("Lee", [Themes.Work]));
        board.UpdateSupporter(Helpline.Supporter("Priya", [Themes.Loneliness]));

        var offers = board.Enqueue(Helpline.Seeker("mark", themes: MarksThemes)).Made;
        Assert.Equal(["jake", "lee"], offers.Select(o => o.SupporterId));

        var replacement = Assert.Single(board.Declined(offers[1].OfferId).Made);
        Assert.Equal("priya", replacement.SupporterId);

        var matched = board.Matched("mark", replacement.OfferId);
        Assert.Equal(offers[0].OfferId, Assert.Single(matched.Withdrawn).OfferId);
        Assert.Equal(0, board.WaitingCount);
        Assert.Empty(board.OpenOffers);
    }

    [Fact]
    public void Offers_never_exceed_a_supporters_free_places()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 2, activeChats: 1));
        Assert.Single(board.Enqueue(Helpline.Seeker("a")).Made);
        Assert.Empty(board.Enqueue(Helpline.Seeker("b")).Made);

        // Another shard's offer held by Jake takes his place too, as he announced.
        var other = _helpline.Board();
        other.UpdateSupporter(Helpline.Supporter("Jake", capacity: 2, activeChats: 1) with { HeldOfferIds = ["from-another-shard"] });
        Assert.Empty(other.Enqueue(Helpline.Seeker("c")).Made);
    }

    [Fact]
    public void A_returned_offer_moves_on_without_counting_as_a_decline()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1));
        var offer = Assert.Single(board.Enqueue(Helpline.Seeker("mark")).Made);

        // Jake took another shard's offer first: full for now, and no offer goes out.
        Assert.Empty(board.Returned(offer.OfferId, Helpline.Supporter("Jake", capacity: 1) with { HeldOfferIds = ["from-another-shard"] }).Made);

        // Once his place is free again he is offered the same person: he never said no.
        Assert.Equal("jake", Assert.Single(board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1)).Made).SupporterId);
    }

    [Fact]
    public void An_offer_that_never_reached_its_supporter_goes_to_someone_reachable_at_once_and_back_to_them_when_heard_from()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 2));
        var lost = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.Imminent)).Made);
        var alsoToAna = Assert.Single(board.Enqueue(Helpline.Seeker("second", RiskLevel.Imminent)).Made);
        Assert.Equal("ana", alsoToAna.SupporterId);

        // Ana cannot be reached (her silo died and this one does not know yet): trying her again now would fail again.
        var undelivered = board.Undelivered(lost.OfferId);
        Assert.Empty(undelivered.Made);
        Assert.Equal(alsoToAna.OfferId, Assert.Single(undelivered.Withdrawn).OfferId);
        Assert.Empty(board.Sweep().Made);

        // Ben signs on: the first red flag goes to him now, not after the offer timeout.
        var toBen = board.UpdateSupporter(Helpline.Supporter("Ben", crisisTrained: true, capacity: 1)).Made;
        Assert.Equal(("red", "ben"), (Assert.Single(toBen).ConversationId, toBen[0].SupporterId));

        // Ana's grain is heard from again (back on another silo): she is offered the one still waiting.
        var again = Assert.Single(board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 2)).Made);
        Assert.Equal(("second", "ana"), (again.ConversationId, again.SupporterId));
        Assert.Equal(Helpline.Start, _helpline.Clock.GetUtcNow());
    }

    [Fact]
    public void A_supporter_an_offer_could_not_reach_is_tried_again_after_a_moment_without_being_heard_from()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1));
        var lost = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.Imminent)).Made);
        Assert.Empty(board.Undelivered(lost.OfferId).Made);

        // Her grain's own announcements died with it; the cluster has noticed by now, so she is tried again.
        _helpline.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(board.Sweep().Made);
        _helpline.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(board.Sweep().Made);
        Assert.Equal(("red", "ana"), (again.ConversationId, again.SupporterId));
    }

    [Fact]
    public void An_offer_lost_with_the_supporters_silo_is_made_again_when_their_grain_announces_without_it()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1));
        var lost = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.Imminent)).Made);

        // Just made, an offer may still be on its way: an announcement that does not hold it yet changes nothing.
        Assert.Empty(board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1)).Made);

        // Seconds later, Ana's grain (back on another silo) announces holding nothing: the offer is made again at once.
        _helpline.Clock.Advance(TimeSpan.FromSeconds(3));
        var again = Assert.Single(board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1)).Made);
        Assert.Equal(("red", "ana"), (again.ConversationId, again.SupporterId));
        Assert.NotEqual(lost.OfferId, again.OfferId);

        // An announcement that holds the offer keeps it.
        _helpline.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1) with { HeldOfferIds = [again.OfferId] }).Made);
        Assert.Contains(board.OpenOffers, o => o.OfferId == again.OfferId);
    }

    [Fact]
    public void A_seeker_who_leaves_has_their_offer_withdrawn_and_the_place_goes_to_the_next_in_the_queue()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1));
        var offer = Assert.Single(board.Enqueue(Helpline.Seeker("a")).Made);
        board.Enqueue(Helpline.Seeker("b", waitingSince: Helpline.Start.AddSeconds(1)));

        var changes = board.Withdraw("a");

        Assert.Equal(offer.OfferId, Assert.Single(changes.Withdrawn).OfferId);
        Assert.Equal("b", Assert.Single(changes.Made).ConversationId);
    }

    [Fact]
    public void A_supporter_cooling_down_gets_no_offers_until_the_cool_down_ends()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", coolDownUntil: Helpline.Start.AddMinutes(10)));
        Assert.Empty(board.Enqueue(Helpline.Seeker("mark")).Made);

        _helpline.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Empty(board.Sweep().Made);
        _helpline.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("jake", Assert.Single(board.Sweep().Made).SupporterId);
    }

    [Fact]
    public void A_red_flag_with_no_one_else_to_take_it_is_offered_to_a_crisis_trained_supporter_cooling_down()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", crisisTrained: true, coolDownUntil: Helpline.Start.AddMinutes(10)));
        board.UpdateSupporter(Helpline.Supporter("Ann", crisisTrained: true, coolDownUntil: Helpline.Start.AddMinutes(4)));

        Assert.Empty(board.Enqueue(Helpline.Seeker("calm")).Made);
        var offer = Assert.Single(board.Enqueue(Helpline.Seeker("mark", RiskLevel.Imminent)).Made);

        // Ann's rest ends first: she has rested longest.
        Assert.Equal("ann", offer.SupporterId);
    }

    [Fact]
    public void A_red_flag_goes_to_a_rested_crisis_trained_supporter_before_one_cooling_down()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", crisisTrained: true, coolDownUntil: Helpline.Start.AddMinutes(10)));
        board.UpdateSupporter(Helpline.Supporter("Sam", crisisTrained: true, capacity: 3, activeChats: 2));

        var made = board.Enqueue(Helpline.Seeker("mark", RiskLevel.High)).Made;

        Assert.Equal("sam", Assert.Single(made).SupporterId);
    }

    [Fact]
    public void Continuity_brings_back_the_supporter_this_person_spoke_with_before()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Sam"));
        board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 3, activeChats: 1));

        var offer = Assert.Single(board.Enqueue(Helpline.Seeker("mark", pastSupporters: ["jake"])).Made);

        Assert.Equal("jake", offer.SupporterId);
        Assert.Contains("has spoken with this person before", offer.Reasons);
    }

    [Fact]
    public void Every_waiting_seeker_learns_their_place_and_an_estimated_wait_as_it_changes()
    {
        var board = _helpline.Board();

        // Online and able to take any of them, but busy: everyone waits, and the wait can be estimated.
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1, activeChats: 1));
        var first = board.Enqueue(Helpline.Seeker("a"));
        Assert.Equal([("a", 1)], first.Standings.Select(s => (s.ConversationId, s.Standing.Position)));
        var second = board.Enqueue(Helpline.Seeker("b", waitingSince: Helpline.Start.AddSeconds(1)));
        Assert.Equal([("b", 2)], second.Standings.Select(s => (s.ConversationId, s.Standing.Position)));
        var red = board.Enqueue(Helpline.Seeker("red", RiskLevel.High, waitingSince: Helpline.Start.AddSeconds(2)));
        Assert.Equal([("red", 1)], red.Standings.Select(s => (s.ConversationId, s.Standing.Position)));

        var swept = board.Sweep().Standings.ToDictionary(s => s.ConversationId, s => s.Standing);
        Assert.Equal([2, 3], new[] { swept["a"].Position, swept["b"].Position });
        Assert.True(swept["b"].EstimatedWaitSeconds > swept["a"].EstimatedWaitSeconds);
        Assert.Empty(board.Sweep().Standings);

        board.Withdraw("red");
        var moved = board.Sweep().Standings.ToDictionary(s => s.ConversationId, s => s.Standing.Position);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, moved);
    }

    [Fact]
    public void With_nobody_online_who_could_take_the_chat_no_wait_is_promised_and_others_coming_online_change_nothing()
    {
        var board = _helpline.Board();
        var red = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.High)).Standings).Standing;
        var welsh = Assert.Single(board.Enqueue(Helpline.Seeker("welsh", language: "cy")).Standings).Standing;
        Assert.True(red.NobodyOnline && welsh.NobodyOnline);

        // Sam is not crisis-trained and speaks English only: neither chat has anyone more than before.
        var sam = board.UpdateSupporter(Helpline.Supporter("Sam", capacity: 1, activeChats: 1));
        Assert.DoesNotContain(sam.Standings, s => s.ConversationId is "red" or "welsh");
        Assert.Empty(board.Sweep().Standings);

        // Ana is crisis-trained, busy for now: the red flag has someone who could take it, and an estimate.
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1, activeChats: 1));
        var swept = board.Sweep().Standings.ToDictionary(s => s.ConversationId, s => s.Standing);
        Assert.False(swept["red"].NobodyOnline);
        Assert.True(swept["red"].EstimatedWaitSeconds > 0);
        Assert.False(swept.ContainsKey("welsh"));
    }

    [Fact]
    public void The_estimated_wait_counts_only_supporters_who_could_take_the_chat()
    {
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Ana", crisisTrained: true, capacity: 1, activeChats: 1));
        var before = Assert.Single(board.Enqueue(Helpline.Seeker("red", RiskLevel.High)).Standings).Standing;

        // Ten supporters who cannot take a red flag come online, all busy: the red flag's estimate stays as it was.
        for (var i = 0; i < 10; i++)
        {
            board.UpdateSupporter(Helpline.Supporter($"Peer{i}", capacity: 1, activeChats: 1));
        }

        Assert.False(before.NobodyOnline);
        Assert.DoesNotContain(board.Sweep().Standings, s => s.ConversationId == "red");
    }

    [Fact]
    public void The_estimated_wait_follows_the_recent_match_rate()
    {
        _helpline.Options.MatchRateWindow = TimeSpan.FromMinutes(10);
        var board = _helpline.Board();
        board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1));

        // Ten people matched in ten minutes: a place opens about once a minute.
        for (var i = 0; i < 10; i++)
        {
            var offer = Assert.Single(board.Enqueue(Helpline.Seeker($"m{i}")).Made);
            _helpline.Clock.Advance(TimeSpan.FromSeconds(10));
            board.Matched(offer.ConversationId, offer.OfferId);
            board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1, activeChats: 1));
            _helpline.Clock.Advance(TimeSpan.FromSeconds(50));
            board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1));
        }

        board.UpdateSupporter(Helpline.Supporter("Jake", capacity: 1, activeChats: 1));

        var waiting = board.Enqueue(Helpline.Seeker("third", waitingSince: _helpline.Clock.GetUtcNow()));
        var standing = Assert.Single(waiting.Standings).Standing;
        Assert.Equal(1, standing.Position);
        Assert.InRange(standing.EstimatedWaitSeconds, 60, 80);
    }
}
