using System.Text.Json.Serialization;

namespace StoriBoard.LoadTests.Protocol;

// The harness speaks only PROTOCOL.md: these are its own small records for the JSON the gateway sends.
// Enumerations travel as strings ("seeker", "peer", "high"), so they are kept as strings here.

public sealed record MessageView(
    string ConversationId,
    long Seq,
    string MessageId,
    string? ClientMessageId,
    string Sender,
    string? Text,
    DateTimeOffset SentAt);

public sealed record SupporterSummary(string SupporterId, string DisplayName, string[]? SharedExperience);

public sealed record ConversationView(
    string ConversationId,
    string Status,
    string[]? Themes,
    string? Risk,
    SupporterSummary? Supporter,
    int? QueuePosition);

public sealed record OfferView(string OfferId, string ConversationId, string[]? Themes, string? Risk, DateTimeOffset ExpiresAt);

public sealed record SupporterView(string SupporterId, string DisplayName, string Status, int ActiveChats, int Capacity);

public sealed record SessionCreated(string UserId, string Token);

public sealed record SupporterCreated(string SupporterId, string Token);

public sealed record NewSession(string Language, string Region);

public sealed record NewSupporter(
    string DisplayName,
    string[] LivedExperience,
    string[] Languages,
    bool CrisisTrained,
    int MaxConcurrentChats,
    [property: JsonPropertyName("role")] string Role);

/// <summary>Names the protocol fixes, gathered so a typo cannot hide in a string literal.</summary>
public static class Names
{
    public const string Seeker = "seeker";
    public const string Supporter = "supporter";
    public const string Ai = "ai";
    public const string Peer = "peer";
    public const string Ended = "ended";
    public const string Online = "online";
    public const string Offline = "offline";

    public static bool IsRedFlag(string? risk) => risk is "high" or "imminent";
}
