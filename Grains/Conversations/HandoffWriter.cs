using StoriBoard.Responding;

namespace StoriBoard.Conversations;

/// <summary>
/// Writes the card a supporter reads on taking a conversation, so the person need not repeat their story. Built from
/// the analysis and what the AI gave only: the seeker's own words stay in the transcript.
/// </summary>
public sealed class HandoffWriter(ContentLibrary library)
{
    private const int ThemesNamed = 3;

    public HandoffCard Write(ConversationRecord record)
    {
        var offered = record.Offered
            .Select(library.Item)
            .OfType<LibraryItem>()
            .Select(Describe)
            .Distinct()
            .ToArray();
        return new HandoffCard(
            Summary(record), record.ThemesByStrength(), [.. record.Risk.Recent], offered, [.. record.Safety.Changes],
            record.Risk.Level.IsRedFlag() ? record.Safety.Kind : null);
    }

    private string Summary(ConversationRecord record)
    {
        var themes = record.ThemesByStrength().Where(t => library.Covers(t.Id)).Take(ThemesNamed).ToList();
        var messages = record.SeekerMessages == 1 ? "1 message" : $"{record.SeekerMessages} messages";
        var first = themes.Count == 0
            ? $"No clear theme yet, across {messages}."
            : $"Carrying {Sentences.JoinAsList(themes.Select(t => library.Theme(t.Id).Label))} (strongest: {library.Theme(themes[0].Id).Label}, "
                + $"{Math.Round(themes[0].Score * 100)}%), across {messages}.";

        var risk = record.Risk;
        var now = risk.Recent.Count > 0 ? risk.Recent[^1] : RiskLevel.None;
        var trend = (risk.Trend ?? Trend.Steady).ToString().ToLowerInvariant();
        var path = risk.Recent.Count > 0 ? $" ({string.Join(" → ", risk.Recent.Select(r => r.Id()))})" : "";
        var flag = risk.Highest.IsRedFlag() ? $"red flag raised ({risk.Highest.Id()}), crisis lines shown." : "no red flag so far.";
        return $"{first}\nRisk now {now.Id()}, {trend}{path}; {flag}";
    }

    private static string Describe(LibraryItem item) => item.Kind switch
    {
        MessagePartKind.Coping => $"Coping: {item.Title}",
        MessagePartKind.Exercise => $"Exercise: {item.Title}",
        MessagePartKind.Resource => $"Resource: {item.Title}",
        _ => item.Title,
    };
}
