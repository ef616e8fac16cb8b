using Orleans.Concurrency;

namespace StoriBoard;

/// <summary>What a staff member on the floor is doing now: free (online with room), busy (full), resting, away.</summary>
[Alias("StoriBoard.FloorState")]
public enum FloorState
{
    Free,
    Busy,
    Resting,
    Away,
}

/// <summary>The supervisors' live floor (the hub's <c>Floor()</c> and the <c>Floor</c> event).</summary>
[GenerateSerializer, Alias("StoriBoard.FloorView")]
public sealed record FloorView(
    [property: Id(0)] FloorWaiting Waiting,
    [property: Id(1)] FloorRedFlags RedFlags,
    [property: Id(2)] FloorSupporter[] Supporters,
    [property: Id(3)] FloorChat[] Chats,
    [property: Id(4)] DateTimeOffset At);

/// <summary>People waiting for a peer: a count and the oldest wait per risk level, and each waiting conversation.</summary>
[GenerateSerializer, Alias("StoriBoard.FloorWaiting")]
public sealed record FloorWaiting(
    [property: Id(0)] FloorWaitingLevel[] ByRisk,
    [property: Id(1)] FloorWaitingConversation[] Conversations);

[GenerateSerializer, Alias("StoriBoard.FloorWaitingLevel")]
public sealed record FloorWaitingLevel(
    [property: Id(0)] RiskLevel Risk,
    [property: Id(1)] int Count,
    [property: Id(2)] DateTimeOffset? OldestWaitingSince);

[GenerateSerializer, Alias("StoriBoard.FloorWaitingConversation")]
public sealed record FloorWaitingConversation(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] RiskLevel Risk,
    [property: Id(2)] RedFlagKind? Kind,
    [property: Id(3)] string Language,
    [property: Id(4)] DateTimeOffset WaitingSince,
    [property: Id(5)] string[] Themes);

/// <summary>Red flags not yet with a crisis-trained supporter, oldest first, and when the page sounds the alarm.</summary>
[GenerateSerializer, Alias("StoriBoard.FloorRedFlags")]
public sealed record FloorRedFlags(
    [property: Id(0)] FloorRedFlag[] Conversations,
    [property: Id(1)] int AlarmAfterSeconds);

[GenerateSerializer, Alias("StoriBoard.FloorRedFlag")]
public sealed record FloorRedFlag(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] RiskLevel Risk,
    [property: Id(2)] RedFlagKind? Kind,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] ConversationStatus Status,
    [property: Id(5)] string? Supporter);

[GenerateSerializer, Alias("StoriBoard.FloorSupporter")]
public sealed record FloorSupporter(
    [property: Id(0)] string SupporterId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] Role Role,
    [property: Id(3)] FloorState State,
    [property: Id(4)] int ActiveChats,
    [property: Id(5)] int Capacity,
    [property: Id(6)] bool CrisisTrained,
    [property: Id(7)] string[] Languages);

[GenerateSerializer, Alias("StoriBoard.FloorChat")]
public sealed record FloorChat(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string SupporterId,
    [property: Id(2)] string Supporter,
    [property: Id(3)] RiskLevel Risk,
    [property: Id(4)] Trend Trend,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] string[] Supervisors);

/// <summary>What a conversation tells the floor whenever its view changes or it ends.</summary>
[GenerateSerializer, Alias("StoriBoard.ConversationOnFloor")]
public sealed record ConversationOnFloor(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] ConversationStatus Status,
    [property: Id(2)] RiskLevel Risk,
    [property: Id(3)] RedFlagKind? Kind,
    [property: Id(4)] Trend Trend,
    [property: Id(5)] string Language,
    [property: Id(6)] string[] Themes,
    [property: Id(7)] DateTimeOffset? WaitingSince,
    [property: Id(8)] DateTimeOffset? RedFlagSince,
    [property: Id(9)] SupporterSummary? Supporter,
    [property: Id(10)] bool SupporterCrisisTrained,
    [property: Id(11)] DateTimeOffset? PeerSince,
    [property: Id(12)] string[] Supervisors);

/// <summary>What a staff member tells the floor whenever their presence, load or rest changes.</summary>
[GenerateSerializer, Alias("StoriBoard.SupporterOnFloor")]
public sealed record SupporterOnFloor(
    [property: Id(0)] string SupporterId,
    [property: Id(1)] SupporterProfile Profile,
    [property: Id(2)] Presence Presence,
    [property: Id(3)] string[] ActiveChats,
    [property: Id(4)] DateTimeOffset? RestingUntil);

/// <summary>
/// The supervisors' live floor (key 0), kept in memory from what conversations and staff tell it; never by reading
/// transcripts. Pushes the <c>Floor</c> event to the supervisors watching, at most about once a second.
/// </summary>
[Alias("StoriBoard.IFloorGrain")]
public interface IFloorGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("Conversation")]
    Task Conversation(ConversationOnFloor conversation);

    [OneWay, Alias("Supporter")]
    Task Supporter(SupporterOnFloor supporter);

    /// <summary>The floor now; the supervisor gets the <c>Floor</c> event from then on, while they are connected.</summary>
    [Alias("Watch")]
    Task<FloorView> Watch(string supervisorId);
}
