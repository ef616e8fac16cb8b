using StoriBoard.Conversations;

namespace StoriBoard.Tests.Conversations;

/// <summary>The routing rules of a seeker's turn, on records alone: no grain, no clock.</summary>
[Trait("Tier", "Unit")]
public sealed class TurnPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly SupporterSummary Jake = new("jake", "Jake", []);

    [Theory]
    [InlineData(RiskLevel.None, TurnActions.None)]
    [InlineData(RiskLevel.Low, TurnActions.None)]
    [InlineData(RiskLevel.Moderate, TurnActions.AskForPeer)]
    [InlineData(RiskLevel.High, TurnActions.AskForPeer | TurnActions.RaiseRedFlag)]
    [InlineData(RiskLevel.Imminent, TurnActions.AskForPeer | TurnActions.RaiseRedFlag)]
    public void With_the_AI_moderate_risk_asks_for_a_peer_and_a_red_flag_also_alerts_supervisors(RiskLevel risk, TurnActions expected)
    {
        var record = new ConversationRecord();

        Assert.Equal(expected, Turn(record, risk));
    }

    [Fact]
    public void A_waiting_conversation_that_becomes_a_red_flag_is_queued_again_at_the_new_risk()
    {
        var record = new ConversationRecord();
        Turn(record, RiskLevel.Moderate);
        record.AskForPeer(Now);

        Assert.Equal(TurnActions.Requeue | TurnActions.RaiseRedFlag, Turn(record, RiskLevel.Imminent));
    }

    [Fact]
    public void A_waiting_conversation_whose_risk_does_not_rise_stays_where_it_is()
    {
        var record = new ConversationRecord();
        Turn(record, RiskLevel.Moderate);
        record.AskForPeer(Now);

        Assert.Equal(TurnActions.None, Turn(record, RiskLevel.Low));
        Assert.Equal(TurnActions.None, Turn(record, RiskLevel.Moderate));
    }

    [Fact]
    public void A_red_flag_with_a_supporter_who_is_not_crisis_trained_is_handed_over()
    {
        var record = InPeerChat(crisisTrained: false);

        Assert.Equal(TurnActions.HandOverToCrisisSupporter | TurnActions.RaiseRedFlag, Turn(record, RiskLevel.High));
    }

    [Fact]
    public void A_red_flag_with_a_crisis_trained_supporter_stays_with_them_and_still_alerts_supervisors()
    {
        var record = InPeerChat(crisisTrained: true);

        Assert.Equal(TurnActions.RaiseRedFlag, Turn(record, RiskLevel.Imminent));
    }

    [Fact]
    public void A_hand_over_already_sought_is_queued_again_when_the_risk_rises_further()
    {
        var record = InPeerChat(crisisTrained: false);
        Turn(record, RiskLevel.High);
        record.AskForCrisisSupporter(Now);

        Assert.Equal(TurnActions.Requeue | TurnActions.RaiseRedFlag, Turn(record, RiskLevel.Imminent));
    }

    [Fact]
    public void A_red_flag_is_raised_once_not_on_every_message_after_it()
    {
        var record = InPeerChat(crisisTrained: true);
        Turn(record, RiskLevel.High);

        Assert.Equal(TurnActions.None, Turn(record, RiskLevel.High));
        Assert.Equal(TurnActions.None, Turn(record, RiskLevel.Low));
    }

    [Theory]
    [InlineData(ConversationStatus.Ai, true, TurnActions.AskForPeer)]
    [InlineData(ConversationStatus.Ai, false, TurnActions.None)]
    [InlineData(ConversationStatus.Waiting, true, TurnActions.None)]
    [InlineData(ConversationStatus.Peer, true, TurnActions.None)]
    public void The_AI_asking_for_a_person_moves_only_a_conversation_still_with_the_AI(
        ConversationStatus status, bool replyAsksForPeer, TurnActions expected)
    {
        var record = new ConversationRecord { Status = status };

        Assert.Equal(expected, TurnPolicy.AfterReply(record, replyAsksForPeer));
    }

    private static TurnActions Turn(ConversationRecord record, RiskLevel risk)
    {
        var before = record.Outline;
        record.Absorb(new AnalysisView([], risk), record.AbsorbedSeq + 1);
        return TurnPolicy.AfterRiskChange(before, record);
    }

    private static ConversationRecord InPeerChat(bool crisisTrained)
    {
        var record = new ConversationRecord();
        Turn(record, RiskLevel.Low);
        record.AskForPeer(Now);
        record.Assign("offer-1", Jake, crisisTrained);
        return record;
    }
}
