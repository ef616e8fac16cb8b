using StoriBoard.Conversations;

namespace StoriBoard.Gateway.Hubs;

/// <summary>
/// Checks on hub arguments that need no grain call, so malformed ones never reach the cluster and a refusal changes
/// nothing. The grains check the same rules again; these run first, at the edge.
/// </summary>
public static class HubArguments
{
    public static string ConversationId(string? conversationId) =>
        Id(conversationId, "conversationId");

    public static string OfferId(string? offerId) => Id(offerId, "offerId");

    public static string SupporterId(string? supporterId) => Id(supporterId, "supporterId");

    public static string Message(ConversationOptions options, string? clientMessageId, string? text)
    {
        ConversationAccess.ValidateMessage(options, clientMessageId, text ?? string.Empty);
        return text!;
    }

    public static long AfterSeq(long afterSeq) =>
        afterSeq >= 0 ? afterSeq : throw HelplineException.Invalid("afterSeq must be zero or a seq you have seen.");

    public static void Ending(ConversationOptions options, int? rating, string? note) =>
        ConversationAccess.ValidateEnding(options, rating, note);

    public static Presence Availability(string? status) => status switch
    {
        "online" => Presence.Online,
        "away" => Presence.Away,
        "offline" => Presence.Offline,
        _ => throw HelplineException.Invalid("status is one of online, away, offline."),
    };

    public static RiskLevel Level(string? level) =>
        level is not null && RiskLevels.TryParse(level, out var risk)
            ? risk
            : throw HelplineException.Invalid("level is one of none, low, moderate, high, imminent.");

    public static string Reason(string? reason)
    {
        var why = reason?.Trim() ?? "";
        if (why.Length is < 3 or > ConversationAccess.MaxReasonLength || why.Any(char.IsControl))
        {
            throw HelplineException.Invalid($"A reason is 3 to {ConversationAccess.MaxReasonLength} characters of plain text.");
        }

        return reason!;
    }

    private static string Id(string? value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64 || !value.All(char.IsAsciiLetterOrDigit))
        {
            throw HelplineException.Invalid($"{name} is missing or malformed.");
        }

        return value;
    }
}
