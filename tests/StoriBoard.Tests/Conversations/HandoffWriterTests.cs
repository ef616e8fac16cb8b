using StoriBoard.Conversations;
using StoriBoard.Responding;
using static StoriBoard.Tests.Responding.ResponderTestKit;

namespace StoriBoard.Tests.Conversations;

[Trait("Tier", "Unit")]
public sealed class HandoffWriterTests
{
    private readonly HandoffWriter writer = new(Library);

    [Fact]
    public void The_card_carries_themes_risk_and_what_was_offered_without_the_seekers_words()
    {
        var record = new ConversationRecord();
        record.Absorb(new AnalysisView([new(Themes.Work, 0.91), new(Themes.Relationship, 0.84), new(Themes.Loneliness, 0.77)], RiskLevel.Low), 1);
        var first = NewResponder().Reply(new ReplyContext(
            "It's 2am and my job is going", Analysis(RiskLevel.Low, (Themes.Work, 0.91), (Themes.Relationship, 0.84), (Themes.Loneliness, 0.77)),
            record.ThemesByStrength(), record.Risk.Recent, record.Risk.Highest, ConversationStatus.Ai, "GB", "en", 1, record.Offered))!;
        record.Remember(first.ContentIds);
        record.Absorb(new AnalysisView([new(Themes.LowMood, 0.7), new(Themes.Work, 0.6)], RiskLevel.Moderate), 3);
        record.Remember([ContentLibrary.CrisisContentId(Library.CrisisLinesFor("GB"))]);

        var card = writer.Write(record);

        Assert.Equal([Themes.Work, Themes.Relationship, Themes.Loneliness, Themes.LowMood], card.Themes.Select(t => t.Id));
        Assert.Equal([RiskLevel.Low, RiskLevel.Moderate], card.RiskHistory);
        foreach (var part in first.Parts.Where(p => p.Kind != MessagePartKind.Acknowledgement))
        {
            Assert.Contains(card.AlreadyOffered, o => o.EndsWith(": " + part.Title, StringComparison.Ordinal));
        }

        Assert.Contains("Crisis lines (GB)", card.AlreadyOffered);
        Assert.Equal(
            "Mostly about work worries, also relationship loss or conflict and loneliness. 2 messages so far.\n"
            + "Risk rose from low to moderate with the latest message. No red flag so far.",
            card.Summary);
    }

    [Fact]
    public void Before_any_message_the_card_says_so()
    {
        Assert.Equal("No messages yet.\nNo sign of risk so far.", writer.Write(new ConversationRecord()).Summary);
    }

    [Fact]
    public void With_no_theme_yet_the_card_says_so_and_counts_the_messages()
    {
        var record = Read((RiskLevel.None, []));

        Assert.Equal("No clear theme yet. 1 message so far.\nNo sign of risk so far.", writer.Write(record).Summary);
    }

    [Fact]
    public void One_theme_is_named_plainly()
    {
        var record = Read((RiskLevel.Low, [new(Themes.Work, 0.8)]), (RiskLevel.Low, []));

        Assert.Equal(
            "About work worries. 2 messages so far.\nRisk has been low throughout. No red flag so far.",
            writer.Write(record).Summary);
    }

    [Fact]
    public void Several_themes_name_the_strongest_first_and_no_more_than_three()
    {
        var record = Read(
            (RiskLevel.Low, [new(Themes.Loneliness, 0.6), new(Themes.Work, 0.9)]),
            (RiskLevel.Low, [new(Themes.Relationship, 0.7), new(Themes.Money, 0.3)]),
            (RiskLevel.Low, []));

        Assert.Equal(
            "Mostly about work worries, also relationship loss or conflict and loneliness. 3 messages so far.\n"
            + "Risk has been low throughout. No red flag so far.",
            writer.Write(record).Summary);
    }

    [Fact]
    public void Risk_rising_to_a_red_flag_tells_the_climb_the_kind_and_the_crisis_lines()
    {
        var record = Read(
            (RiskLevel.None, [new(Themes.LowMood, 0.7)]),
            (RiskLevel.Low, []),
            (RiskLevel.Moderate, []),
            (RiskLevel.High, []));
        record.Safety.Kind = RedFlagKind.SelfHarm;
        record.Remember([ContentLibrary.CrisisContentId(Library.CrisisLinesFor("GB"))]);

        Assert.Equal(
            "About low mood. 4 messages so far.\n"
            + "Risk has risen from none to high over the last four messages. Red flag raised (self-harm); crisis lines were shown.",
            writer.Write(record).Summary);
    }

    [Fact]
    public void A_risk_set_by_an_answer_is_told_apart_from_the_messages_reading()
    {
        var record = Read((RiskLevel.Moderate, [new(Themes.School, 0.8)]), (RiskLevel.Low, []));
        record.Risk.Set(RiskLevel.High);
        record.Safety.Kind = RedFlagKind.Suicide;
        record.Safety.Record(new RiskChange(
            DateTimeOffset.UnixEpoch, RiskLevel.Moderate, RiskLevel.High, SafetyAssessment.ByAnswer, "answered yes", RedFlagKind.Suicide));

        Assert.Equal(
            "About study pressure. 2 messages so far.\n"
            + "Risk eased from moderate to low with the latest message. Their answer to the AI's direct question put the risk at high. "
            + "Red flag raised (suicide).",
            writer.Write(record).Summary);
    }

    [Fact]
    public void A_red_flag_does_not_claim_crisis_lines_that_were_not_shown()
    {
        var record = Read((RiskLevel.High, []));

        Assert.Equal("No clear theme yet. 1 message so far.\nRisk is high. Red flag raised.", writer.Write(record).Summary);
    }

    [Fact]
    public void A_steady_stretch_after_a_change_says_where_it_came_from()
    {
        var record = Read((RiskLevel.Low, []), (RiskLevel.Moderate, []), (RiskLevel.Moderate, []));

        Assert.EndsWith(
            "\nRisk has been moderate for the last two messages, up from low. No red flag so far.", writer.Write(record).Summary);
    }

    [Theory]
    [InlineData(RiskLevel.Low)]
    [InlineData(RiskLevel.High)]
    public void The_summary_holds_no_scores_arrows_or_ids(RiskLevel peak)
    {
        var record = Read((RiskLevel.Low, [new(Themes.LowMood, 0.91)]), (peak, [new(Themes.Substances, 0.42)]));
        record.Safety.Kind = RedFlagKind.DangerFromOthers;

        var summary = writer.Write(record).Summary;

        Assert.DoesNotMatch(@"[%→]|\d\.\d|low_mood|danger_from_others|\(low\)", summary);
    }

    [Fact]
    public void The_trend_on_the_card_is_the_conversations_own()
    {
        var record = new ConversationRecord();
        record.Absorb(new AnalysisView([], RiskLevel.Moderate), 1);
        record.Absorb(new AnalysisView([], RiskLevel.Low), 2);

        var card = writer.Write(record);

        Assert.Equal(Trend.Falling, record.Risk.Trend);
        // A calmer message does not lower the conversation's risk by itself: the card says both.
        Assert.EndsWith(
            "\nRisk eased from moderate to low with the latest message. "
            + "The conversation's risk stays at moderate, from an earlier message. No red flag so far.",
            card.Summary);
    }

    /// <summary>A conversation that has read these messages' analyses, in order.</summary>
    private static ConversationRecord Read(params (RiskLevel Risk, ThemeScore[] Themes)[] messages)
    {
        var record = new ConversationRecord();
        var seq = 0;
        foreach (var (risk, themes) in messages)
        {
            record.Absorb(new AnalysisView(themes, risk), ++seq);
        }

        return record;
    }
}
