using StoriBoard.Classification;
using StoriBoard.Conversations;

namespace StoriBoard.Tests.Conversations;

/// <summary>The conversation-level safety judgement, turn by turn, on its state alone.</summary>
[Trait("Tier", "Unit")]
public sealed class SafetyAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private readonly SafetyState state = new();
    private RiskLevel risk = RiskLevel.None;

    private SafetyJudgement Turn(string text, RiskLevel read = RiskLevel.None, RedFlagKind? kind = null, MessageAnalysis? withContext = null)
    {
        var analysis = new MessageAnalysis([], new RiskAssessment(read, 0.9, []), read.IsRedFlag(), [], kind);
        var judgement = SafetyAssessment.Judge(state, risk, text, analysis, withContext, Now);
        risk = judgement.Risk;
        return judgement;
    }

    [Fact]
    public void Moderate_risk_asks_directly_about_thoughts_of_suicide()
    {
        var judgement = Turn("everyone would be better off without me", RiskLevel.Moderate);

        Assert.Equal(RiskLevel.Moderate, judgement.Risk);
        Assert.Equal(DirectQuestion.ThoughtsOfSuicide, judgement.Ask);
        Assert.False(judgement.AskingAgain);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("kind of")]
    [InlineData("sometimes")]
    [InlineData("I guess")]
    [InlineData("yes but I wouldn't do anything")]
    public void Yes_to_the_question_is_a_suicide_red_flag_with_its_reason(string answer)
    {
        Turn("everyone would be better off without me", RiskLevel.Moderate);

        var judgement = Turn(answer);

        Assert.Equal(RiskLevel.High, judgement.Risk);
        Assert.Equal(RedFlagKind.Suicide, judgement.Kind);
        Assert.Equal(Answer.Yes, judgement.Answer);
        Assert.Equal(SafetyAssessment.ByAnswer, judgement.Change?.By);
        Assert.Contains("yes to thoughts of suicide", judgement.Change?.Reason, StringComparison.Ordinal);
        Assert.Equal(judgement.Change, state.Changes[^1]);
    }

    [Fact]
    public void Yes_with_means_or_a_time_is_imminent_and_asks_whether_anything_was_taken()
    {
        Turn("I've been saving up my pills", RiskLevel.Moderate);

        var judgement = Turn("yeah");

        Assert.Equal(RiskLevel.Imminent, judgement.Risk);
        Assert.True(judgement.MeansSpoken);
        Assert.Equal(DirectQuestion.TakenAnything, judgement.Ask);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("not like that")]
    [InlineData("no, I'd never do that to my kids")]
    public void No_to_the_question_raises_nothing_and_the_question_is_not_asked_again(string answer)
    {
        Turn("I just want it all to stop", RiskLevel.Moderate);

        var judgement = Turn(answer);

        Assert.Equal(RiskLevel.Moderate, judgement.Risk);
        Assert.Null(judgement.Change);
        Assert.Null(judgement.Ask);
        Assert.Null(judgement.Kind);
    }

    [Fact]
    public void After_a_clear_no_and_calmer_messages_moderate_falls_to_low()
    {
        Turn("didn't think anyone would be up, it all feels pointless", RiskLevel.Moderate);
        Turn("no, nothing like that");
        var first = Turn("just lonely since the move", RiskLevel.Low);
        var second = Turn("it helps to type it out", RiskLevel.Low);

        Assert.Equal(RiskLevel.Moderate, first.Risk);
        Assert.Equal(RiskLevel.Low, second.Risk);
        Assert.Equal(SafetyAssessment.ByAssessment, second.Change?.By);
        Assert.Equal((RiskLevel.Moderate, RiskLevel.Low), (second.Change!.From, second.Change.To));
    }

    [Fact]
    public void A_worrying_message_after_the_no_stops_the_fall()
    {
        Turn("it all feels pointless", RiskLevel.Moderate);
        Turn("no");
        Turn("ok", RiskLevel.Low);
        var judgement = Turn("I wish I could sleep and not wake up", RiskLevel.Moderate);
        var after = Turn("fine", RiskLevel.Low);

        Assert.Equal(RiskLevel.Moderate, judgement.Risk);
        Assert.Equal(RiskLevel.Moderate, after.Risk);
    }

    [Fact]
    public void An_unclear_answer_is_asked_again_in_other_words_then_held_as_a_concern()
    {
        Turn("what's the point of any of it", RiskLevel.Moderate);

        var again = Turn("idk");
        var still = Turn("why does it matter");

        Assert.Equal((DirectQuestion?)DirectQuestion.ThoughtsOfSuicide, again.Ask);
        Assert.True(again.AskingAgain);
        Assert.Equal(Answer.Unclear, again.Answer);
        Assert.Null(still.Ask);
        Assert.Equal(RiskLevel.Moderate, still.Risk);
    }

    [Fact]
    public void A_red_flag_never_falls_by_itself()
    {
        Turn("I'm going to kill myself tonight", RiskLevel.Imminent, RedFlagKind.Suicide);

        foreach (var calm in new[] { "no", "sorry", "I'm fine now", "forget it" })
        {
            Assert.Equal(RiskLevel.Imminent, Turn(calm, RiskLevel.None).Risk);
        }
    }

    [Theory]
    [InlineData("no")]
    [InlineData("not really")]
    public void Not_safe_right_now_is_imminent(string answer)
    {
        Turn("he's been drinking and shouting, I'm in the bathroom", RiskLevel.High, RedFlagKind.DangerFromOthers);

        var judgement = Turn(answer);

        Assert.Equal(RiskLevel.Imminent, judgement.Risk);
        Assert.Equal(RedFlagKind.DangerFromOthers, judgement.Kind);
    }

    [Fact]
    public void Yes_to_having_taken_something_is_an_imminent_medical_red_flag()
    {
        Turn("I've been saving my pills and tonight is the night", RiskLevel.High, RedFlagKind.Suicide);

        var judgement = Turn("yes");

        Assert.Equal(RiskLevel.Imminent, judgement.Risk);
        Assert.Equal(RedFlagKind.Medical, state.Kind);
        Assert.Equal(DirectQuestion.SomeoneWithYou, judgement.Ask);
    }

    [Theory]
    [InlineData(RedFlagKind.Suicide, DirectQuestion.SafeNow)]
    [InlineData(RedFlagKind.SelfHarm, DirectQuestion.SafeNow)]
    [InlineData(RedFlagKind.DangerFromOthers, DirectQuestion.SafeNow)]
    [InlineData(RedFlagKind.HarmToOthers, DirectQuestion.SafeNow)]
    [InlineData(RedFlagKind.Medical, DirectQuestion.SomeoneWithYou)]
    public void Each_kind_of_red_flag_is_asked_its_own_question(RedFlagKind kind, DirectQuestion question)
    {
        var judgement = Turn("something serious", RiskLevel.High, kind);

        Assert.Equal(kind, judgement.Kind);
        Assert.Equal(question, judgement.Ask);
    }

    [Fact]
    public void Someone_else_at_risk_gets_no_question_about_the_seeker()
    {
        var judgement = Turn("my friend says she's going to end it", RiskLevel.High, RedFlagKind.ThirdParty);

        Assert.Equal(RedFlagKind.ThirdParty, judgement.Kind);
        Assert.Null(judgement.Ask);
    }

    [Fact]
    public void The_turn_before_can_raise_a_short_message_read_alone_as_nothing()
    {
        var together = new MessageAnalysis([], new RiskAssessment(RiskLevel.Imminent, 0.9, []), true, [], RedFlagKind.Suicide);

        var judgement = Turn("tonight", RiskLevel.None, withContext: together);

        Assert.Equal(RiskLevel.Imminent, judgement.Risk);
        Assert.Contains("with the turn before", judgement.Change?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_red_flag_the_model_reached_only_by_its_threshold_is_held_at_high_and_asked_about_directly()
    {
        var scores = new Dictionary<string, double> { ["none"] = 0.7, ["low"] = 0.1, ["moderate"] = 0.05, ["high"] = 0.05, ["imminent"] = 0.1 };
        var lifted = new MessageAnalysis([], new RiskAssessment(RiskLevel.Imminent, 0.1, scores), true, [], RedFlagKind.Suicide);

        var judgement = SafetyAssessment.Judge(state, risk, "took the bins out and cried", lifted, null, Now);

        Assert.Equal(RiskLevel.High, judgement.Risk);
        Assert.True(judgement.Unsure);
        Assert.Equal(DirectQuestion.ThoughtsOfSuicide, judgement.Ask);
        Assert.Contains("unsure", judgement.Change?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_red_flag_a_safety_rule_stands_behind_is_never_unsure()
    {
        var scores = new Dictionary<string, double> { ["none"] = 0.7, ["low"] = 0.1, ["moderate"] = 0.05, ["high"] = 0.05, ["imminent"] = 0.1 };
        var ruled = new MessageAnalysis([], new RiskAssessment(RiskLevel.Imminent, 0.1, scores), true, ["overdose_taken"], RedFlagKind.Medical);

        var judgement = SafetyAssessment.Judge(state, risk, "I've taken them all", ruled, null, Now);

        Assert.Equal(RiskLevel.Imminent, judgement.Risk);
        Assert.False(judgement.Unsure);
    }

    [Fact]
    public void A_person_clearing_a_red_flag_is_kept_with_who_and_why()
    {
        Turn("I'm going to end it", RiskLevel.High, RedFlagKind.Suicide);

        var change = SafetyAssessment.SetByPerson(state, risk, RiskLevel.Low, null, "priya", "Spoke with them: ending a relationship", Now);

        Assert.Equal((RiskLevel.High, RiskLevel.Low, "priya"), (change.From, change.To, change.By));
        Assert.Null(state.Kind);
        Assert.Equal(change, state.Changes[^1]);
    }
}
