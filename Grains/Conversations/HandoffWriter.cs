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
            record.Risk.Level.IsRedFlag() ? record.Safety.Kind : null,
            record.Plan.Count > 0 ? [.. record.Plan] : null,
            record.Pattern);
    }

    /// <summary>
    /// Two lines a volunteer takes in at a glance: what the person is talking about and in how many messages, then how
    /// the risk has moved and whether a red flag was raised; and a third, when there is something to say, on how the
    /// person has been over time. Plain sentences: no scores, ids or arrows.
    /// </summary>
    private string Summary(ConversationRecord record) =>
        PatternSentences.Write(record.Pattern, record.StartedAt) is { } overTime
            ? $"{WhatSoFar(record)}\n{RiskSoFar(record)}\n{overTime}"
            : $"{WhatSoFar(record)}\n{RiskSoFar(record)}";

    /// <summary>"Mostly about work worries, also loneliness and grief. 3 messages so far."</summary>
    private string WhatSoFar(ConversationRecord record)
    {
        if (record.SeekerMessages == 0)
        {
            return "No messages yet.";
        }

        var labels = record.ThemesByStrength()
            .Where(t => library.Covers(t.Id))
            .Take(ThemesNamed)
            .Select(t => library.Theme(t.Id).Label)
            .ToList();
        var about = labels.Count switch
        {
            0 => "No clear theme yet.",
            1 => $"About {labels[0]}.",
            _ => $"Mostly about {labels[0]}, also {Sentences.JoinAsList(labels.Skip(1))}.",
        };
        var count = record.SeekerMessages == 1 ? "1 message" : $"{record.SeekerMessages} messages";
        return $"{about} {count} so far.";
    }

    /// <summary>
    /// "Risk has risen from low to high over the last three messages. Red flag raised (suicide); crisis lines were shown."
    /// </summary>
    private string RiskSoFar(ConversationRecord record)
    {
        var risk = record.Risk;
        if (risk.Highest == RiskLevel.None && risk.Level == RiskLevel.None)
        {
            return "No sign of risk so far.";
        }

        var flag = "No red flag so far.";
        if (risk.Highest.IsRedFlag() || risk.Level.IsRedFlag())
        {
            var kind = record.Safety.Kind is { } k ? $" ({KindInWords(k)})" : "";
            flag = CrisisLinesShown(record) ? $"Red flag raised{kind}; crisis lines were shown." : $"Red flag raised{kind}.";
        }

        string?[] sentences = [risk.Recent.Count > 0 ? Movement(risk) : null, Standing(record), flag];
        return string.Join(' ', sentences.OfType<string>());
    }

    /// <summary>
    /// The conversation's risk does not fall with a calmer message, and an answer, the assessment or a person can set
    /// it: when it is not the latest message's, the card says where it stands and why.
    /// </summary>
    private static string? Standing(ConversationRecord record)
    {
        var risk = record.Risk;
        if (risk.Recent.Count > 0 && risk.Level == risk.Recent[^1])
        {
            return null;
        }

        var level = risk.Level.Id();
        var by = record.Safety.Changes.LastOrDefault() is { } last && last.To == risk.Level ? last.By : SafetyAssessment.ByModel;
        return by switch
        {
            SafetyAssessment.ByModel => $"The conversation's risk stays at {level}, from an earlier message.",
            SafetyAssessment.ByAnswer => $"Their answer to the AI's direct question put the risk at {level}.",
            SafetyAssessment.ByAssessment => $"The risk was lowered to {level} after a clear no and calmer messages.",
            _ => $"A supporter set the risk at {level}.",
        };
    }

    /// <summary>How the latest messages' risk has moved, told from the last change of direction.</summary>
    private static string Movement(RiskRecord risk)
    {
        var recent = risk.Recent;
        var now = recent[^1];
        var trend = risk.Trend ?? Trend.Steady;

        // The run of messages that led here: the climb, the fall, or the stretch at one level.
        var start = recent.Count - 1;
        Func<RiskLevel, RiskLevel, bool> continues = trend switch
        {
            Trend.Rising => (before, after) => before <= after,
            Trend.Falling => (before, after) => before >= after,
            _ => (before, after) => before == after,
        };
        while (start > 0 && continues(recent[start - 1], recent[start]))
        {
            start--;
        }

        // A climb or fall starts where the level first moved, not on the flat stretch before it.
        while (trend != Trend.Steady && recent[start + 1] == recent[start])
        {
            start++;
        }

        var from = recent[start];
        var messages = recent.Count - start;
        var over = messages == 2 ? "with the latest message" : $"over the last {CountInWords(messages)} messages";
        return trend switch
        {
            Trend.Rising => $"Risk {(messages == 2 ? "rose" : "has risen")} from {from.Id()} to {now.Id()} {over}.",
            Trend.Falling => $"Risk {(messages == 2 ? "eased" : "has eased")} from {from.Id()} to {now.Id()} {over}.",
            _ when risk.Counts[(int)now] == risk.Counts.Sum() =>
                recent.Count == 1 ? $"Risk is {now.Id()}." : $"Risk has been {now.Id()} throughout.",
            _ when start == 0 => $"Risk has been {now.Id()} for the last {CountInWords(messages)} messages.",
            _ => $"Risk has been {now.Id()} for the last {CountInWords(messages)} messages, "
                + $"{(recent[start - 1] < now ? "up" : "down")} from {recent[start - 1].Id()}.",
        };
    }

    private bool CrisisLinesShown(ConversationRecord record) =>
        record.Offered.Any(id => library.Item(id)?.Kind == MessagePartKind.Crisis);

    private static string CountInWords(int count) => count switch
    {
        2 => "two", 3 => "three", 4 => "four", 5 => "five", 6 => "six", 7 => "seven", 8 => "eight", 9 => "nine", 10 => "ten",
        _ => count.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The words the console uses for a red flag's kind.</summary>
    private static string KindInWords(RedFlagKind kind) => kind switch
    {
        RedFlagKind.Suicide => "suicide",
        RedFlagKind.SelfHarm => "self-harm",
        RedFlagKind.DangerFromOthers => "danger from someone",
        RedFlagKind.HarmToOthers => "may harm someone",
        RedFlagKind.Medical => "medical emergency",
        RedFlagKind.ThirdParty => "someone else at risk",
        _ => kind.Id(),
    };

    private static string Describe(LibraryItem item) => item.Kind switch
    {
        MessagePartKind.Coping => $"Coping: {item.Title}",
        MessagePartKind.Exercise => $"Exercise: {item.Title}",
        MessagePartKind.Resource => $"Resource: {item.Title}",
        _ => item.Title,
    };
}
