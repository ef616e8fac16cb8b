using System.Text.Json.Serialization;

namespace StoriBoard;

[Alias("StoriBoard.Sender")]
public enum Sender
{
    Seeker,
    Ai,
    Supporter,
    System,

    /// <summary>A supervisor who joined the chat, or whispered to its supporter.</summary>
    Supervisor,
}

[Alias("StoriBoard.ConversationStatus")]
public enum ConversationStatus
{
    Ai,
    Waiting,
    Peer,
    Ended,
}

/// <summary>Which way a conversation's risk moved with the seeker's latest message.</summary>
[Alias("StoriBoard.Trend")]
public enum Trend
{
    Steady,
    Rising,
    Falling,
}

[Alias("StoriBoard.Presence")]
public enum Presence
{
    Offline,
    Online,
    Away,
}

/// <summary>
/// What a <see cref="MessagePart"/> is. On the wire (and in stored transcripts) the lower-case names, whatever the
/// serializer's options: "acknowledgement", "coping", "exercise", "resource", "crisis".
/// </summary>
[Alias("StoriBoard.MessagePartKind")]
[JsonConverter(typeof(JsonStringEnumConverter<MessagePartKind>))]
public enum MessagePartKind
{
    [JsonStringEnumMemberName("acknowledgement")]
    Acknowledgement,

    [JsonStringEnumMemberName("coping")]
    Coping,

    [JsonStringEnumMemberName("exercise")]
    Exercise,

    [JsonStringEnumMemberName("resource")]
    Resource,

    [JsonStringEnumMemberName("crisis")]
    Crisis,
}

/// <summary>One structured piece of an AI message (PROTOCOL.md `parts`).</summary>
[GenerateSerializer, Alias("StoriBoard.MessagePart")]
public sealed record MessagePart(
    [property: Id(0)] MessagePartKind Kind,
    [property: Id(1)] string? Title,
    [property: Id(2)] string Text,
    [property: Id(3)] string? Url);

/// <summary>The analysis shown to supporters beside a seeker's message; seekers never see it.</summary>
[GenerateSerializer, Alias("StoriBoard.AnalysisView")]
public sealed record AnalysisView(
    [property: Id(0)] ThemeScore[] Themes,
    [property: Id(1)] RiskLevel Risk,
    [property: Id(2), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RedFlagKind? Kind = null);

[GenerateSerializer, Alias("StoriBoard.MessageView")]
public sealed record MessageView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] long Seq,
    [property: Id(2)] string MessageId,
    [property: Id(3)] string? ClientMessageId,
    [property: Id(4)] Sender Sender,
    [property: Id(5)] string SenderName,
    [property: Id(6)] string Text,
    [property: Id(7)] DateTimeOffset SentAt,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MessagePart[]? Parts = null,
    [property: Id(9), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AnalysisView? Analysis = null,
    [property: Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Whisper = false);

[GenerateSerializer, Alias("StoriBoard.SupporterSummary")]
public sealed record SupporterSummary(
    [property: Id(0)] string SupporterId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string[] SharedExperience);

/// <summary>What a supporter needs so the person does not have to repeat their story.</summary>
[GenerateSerializer, Alias("StoriBoard.HandoffCard")]
public sealed record HandoffCard(
    [property: Id(0)] string Summary,
    [property: Id(1)] ThemeScore[] Themes,
    [property: Id(2)] RiskLevel[] RiskHistory,
    [property: Id(3)] string[] AlreadyOffered,
    [property: Id(4)] RiskChange[]? RiskChanges = null,
    [property: Id(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RedFlagKind? Kind = null,
    [property: Id(6), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PlanStepView[]? Plan = null,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PersonPattern? Pattern = null);

[GenerateSerializer, Alias("StoriBoard.ConversationView")]
public sealed record ConversationView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationStatus Status,
    [property: Id(2)] string[] Themes,
    [property: Id(3)] RiskLevel Risk,
    [property: Id(4)] SupporterSummary? Supporter,
    [property: Id(5)] int? QueuePosition,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] int? EstimatedWaitSeconds = null,
    [property: Id(8), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HandoffCard? Handoff = null,
    [property: Id(9)] Trend? Trend = null,
    [property: Id(10), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RedFlagKind? Kind = null,
    [property: Id(11), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? NobodyOnline = null,
    [property: Id(12), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? EndedAt = null,
    [property: Id(13), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Language = null,
    [property: Id(14), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? Supervisors = null);

[GenerateSerializer, Alias("StoriBoard.OfferView")]
public sealed record OfferView(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string[] Themes,
    [property: Id(3)] RiskLevel Risk,
    [property: Id(4)] string Summary,
    [property: Id(5)] string[] Reasons,
    [property: Id(6)] DateTimeOffset ExpiresAt,
    [property: Id(7), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HandoffCard? Handoff = null);

[GenerateSerializer, Alias("StoriBoard.SupporterView")]
public sealed record SupporterView(
    [property: Id(0)] string SupporterId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Presence Status,
    [property: Id(3)] int ActiveChats,
    [property: Id(4)] int Capacity,
    [property: Id(5)] bool CrisisTrained = false,
    [property: Id(6)] Role Role = Role.Supporter);
