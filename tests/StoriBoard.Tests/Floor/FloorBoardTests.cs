using StoriBoard.Floor;

namespace StoriBoard.Tests.Floor;

/// <summary>What shows where on the supervisors' floor, from the notes conversations and staff send it.</summary>
[Trait("Tier", "Unit")]
public sealed class FloorBoardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan AlarmAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public void Waiting_is_counted_by_risk_with_the_oldest_wait_of_each_and_listed_riskiest_then_longest_first()
    {
        var board = new FloorBoard();
        board.Apply(Waiting("a", RiskLevel.Low, Now.AddMinutes(-3)));
        board.Apply(Waiting("b", RiskLevel.Low, Now.AddMinutes(-9)));
        board.Apply(Waiting("c", RiskLevel.Moderate, Now.AddMinutes(-1)));
        board.Apply(Waiting("d", RiskLevel.Imminent, Now.AddSeconds(-20)));
        board.Apply(Waiting("e", RiskLevel.Low, Now.AddMinutes(-5)) with { Status = ConversationStatus.Ai });

        var floor = board.View(Now, AlarmAfter);

        var low = floor.Waiting.ByRisk.Single(l => l.Risk == RiskLevel.Low);
        Assert.Equal((2, Now.AddMinutes(-9)), (low.Count, low.OldestWaitingSince!.Value));
        Assert.Equal(1, floor.Waiting.ByRisk.Single(l => l.Risk == RiskLevel.Moderate).Count);
        var high = floor.Waiting.ByRisk.Single(l => l.Risk == RiskLevel.High);
        Assert.Equal(0, high.Count);
        Assert.Null(high.OldestWaitingSince);
        Assert.Equal(["d", "c", "b", "a"], floor.Waiting.Conversations.Select(c => c.ConversationId));
        Assert.Equal(Now, floor.At);
    }

    [Fact]
    public void A_red_flag_stays_among_the_red_flags_until_a_crisis_trained_supporter_has_it_and_the_oldest_comes_first()
    {
        var board = new FloorBoard();
        board.Apply(Waiting("late", RiskLevel.High, Now.AddSeconds(-10)) with { RedFlagSince = Now.AddSeconds(-10) });
        board.Apply(Waiting("early", RiskLevel.Imminent, Now.AddMinutes(-4)) with { RedFlagSince = Now.AddMinutes(-4) });
        var withTom = InChat("with-tom", "Tom", crisisTrained: false) with { Risk = RiskLevel.High, RedFlagSince = Now.AddMinutes(-1) };
        board.Apply(withTom);

        var flags = board.View(Now, AlarmAfter).RedFlags;
        Assert.Equal(["early", "with-tom", "late"], flags.Conversations.Select(c => c.ConversationId));
        Assert.Equal(("Tom", ConversationStatus.Peer), (flags.Conversations[1].Supporter, flags.Conversations[1].Status));
        Assert.Null(flags.Conversations[0].Supporter);
        Assert.Equal(120, flags.AlarmAfterSeconds);

        board.Apply(withTom with { Supporter = new SupporterSummary("ruth", "Ruth", []), SupporterCrisisTrained = true });
        board.Apply(Waiting("early", RiskLevel.Imminent, Now) with { Status = ConversationStatus.Ended });
        var after = board.View(Now, AlarmAfter);
        Assert.Equal(["late"], after.RedFlags.Conversations.Select(c => c.ConversationId));
        Assert.Equal("Ruth", Assert.Single(after.Chats).Supporter);
        Assert.False(board.Knows("early"));
    }

    [Fact]
    public void Staff_are_free_busy_resting_or_away_and_leave_the_floor_when_offline()
    {
        var board = new FloorBoard();
        board.Apply(Staff("free", activeChats: 1, capacity: 2));
        board.Apply(Staff("busy", activeChats: 2, capacity: 2));
        board.Apply(Staff("resting", activeChats: 0, capacity: 2, restingUntil: Now.AddMinutes(5)));
        board.Apply(Staff("away", activeChats: 0, capacity: 2, presence: Presence.Away));
        board.Apply(Staff("gone", activeChats: 0, capacity: 2));
        board.Apply(Staff("gone", activeChats: 0, capacity: 2, presence: Presence.Offline));

        var staff = board.View(Now, AlarmAfter).Supporters.ToDictionary(s => s.SupporterId, s => s.State);
        Assert.Equal(
            new Dictionary<string, FloorState>
            {
                ["free"] = FloorState.Free, ["busy"] = FloorState.Busy, ["resting"] = FloorState.Resting, ["away"] = FloorState.Away,
            },
            staff);

        // A rest ends with no one telling: the floor sees it by the clock.
        Assert.False(board.RestEndedBetween(Now, Now.AddMinutes(4)));
        Assert.True(board.RestEndedBetween(Now.AddMinutes(4), Now.AddMinutes(5)));
        Assert.Equal(FloorState.Free, board.View(Now.AddMinutes(5), AlarmAfter).Supporters.Single(s => s.SupporterId == "resting").State);
    }

    [Fact]
    public void A_note_that_changes_nothing_is_no_change_so_nothing_is_pushed()
    {
        var board = new FloorBoard();
        Assert.True(board.Apply(Waiting("a", RiskLevel.Low, Now)));
        Assert.False(board.Apply(Waiting("a", RiskLevel.Low, Now))); // the same values, in arrays of its own
        Assert.True(board.Apply(Waiting("a", RiskLevel.Moderate, Now)));
        Assert.True(board.Apply(Staff("jake", 0, 2)));
        Assert.False(board.Apply(Staff("jake", 0, 2)));
        Assert.True(board.Apply(Staff("jake", 1, 2)));
        Assert.False(board.Apply(Waiting("never-seen", RiskLevel.Low, Now) with { Status = ConversationStatus.Ended }));
    }

    private static ConversationOnFloor Waiting(string id, RiskLevel risk, DateTimeOffset since) =>
        new(id, ConversationStatus.Waiting, risk, risk.IsRedFlag() ? RedFlagKind.Suicide : null, Trend.Steady, "en", ["work"], since,
            null, null, false, null, []);

    private static ConversationOnFloor InChat(string id, string supporter, bool crisisTrained) =>
        new(id, ConversationStatus.Peer, RiskLevel.Low, null, Trend.Rising, "en", [], Now.AddMinutes(-10), null,
            new SupporterSummary(supporter.ToLowerInvariant(), supporter, []), crisisTrained, Now.AddMinutes(-8), []);

    private static SupporterOnFloor Staff(
        string id, int activeChats, int capacity, DateTimeOffset? restingUntil = null, Presence presence = Presence.Online) =>
        new(id, new SupporterProfile(id, [], ["en"], false, capacity, Role.Supporter), presence,
            Enumerable.Range(0, activeChats).Select(i => $"{id}-chat-{i}").ToArray(), restingUntil);
}
