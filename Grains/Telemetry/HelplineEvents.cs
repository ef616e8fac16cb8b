using Microsoft.Extensions.Logging;

namespace StoriBoard.Telemetry;

/// <summary>
/// The helpline's events in the log, one line each with its own event id (1001–1007), with ids an operator can follow
/// and never a word anyone wrote.
/// </summary>
public static partial class HelplineEvents
{
    [LoggerMessage(1001, LogLevel.Warning, "Red flag raised: conversation {ConversationId}, {Risk}, kind {Kind}")]
    public static partial void RedFlagRaised(this ILogger logger, string conversationId, RiskLevel risk, string kind);

    [LoggerMessage(1002, LogLevel.Information, "Offer {OfferId} of conversation {ConversationId} ({Risk}) made to supporter {SupporterId}")]
    public static partial void OfferMade(this ILogger logger, string offerId, string conversationId, RiskLevel risk, string supporterId);

    [LoggerMessage(1003, LogLevel.Information, "Offer {OfferId} of conversation {ConversationId} accepted")]
    public static partial void OfferAccepted(this ILogger logger, string offerId, string conversationId);

    [LoggerMessage(1004, LogLevel.Information, "Offer {OfferId} of conversation {ConversationId} ({Risk}) expired unanswered by supporter {SupporterId}")]
    public static partial void OfferExpired(this ILogger logger, string offerId, string conversationId, RiskLevel risk, string supporterId);

    [LoggerMessage(1005, LogLevel.Warning, "Red flag {ConversationId} has waited {WaitedSeconds:0} s without a crisis-trained supporter")]
    public static partial void RedFlagUnanswered(this ILogger logger, string conversationId, double waitedSeconds);

    [LoggerMessage(1006, LogLevel.Information, "Supporter {SupporterId} is {Presence}")]
    public static partial void SupporterPresence(this ILogger logger, string supporterId, Presence presence);

    [LoggerMessage(1007, LogLevel.Warning, "Recovered from a fault: {What}")]
    public static partial void FaultRecovered(this ILogger logger, string what);
}
