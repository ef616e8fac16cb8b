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
        var lines = card.Summary.Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("work worries", lines[0], StringComparison.Ordinal);
        Assert.Contains("91%", lines[0], StringComparison.Ordinal);
        Assert.Contains("moderate", lines[1], StringComparison.Ordinal);
        Assert.Contains("rising", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_trend_on_the_card_is_the_conversations_own()
    {
        var record = new ConversationRecord();
        record.Absorb(new AnalysisView([], RiskLevel.Moderate), 1);
        record.Absorb(new AnalysisView([], RiskLevel.Low), 2);

        var card = writer.Write(record);

        Assert.Equal(Trend.Falling, record.Risk.Trend);
        Assert.Contains("falling", card.Summary, StringComparison.Ordinal);
        Assert.Contains("no red flag so far", card.Summary, StringComparison.Ordinal);
    }
}
