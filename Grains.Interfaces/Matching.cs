namespace StoriBoard;

/// <summary>A conversation asking for a peer: what the matchmaker needs to queue and score it.</summary>
[GenerateSerializer, Alias("StoriBoard.MatchRequest")]
public sealed record MatchRequest(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string SeekerId,
    [property: Id(2)] string Language,
    [property: Id(3)] RiskLevel Risk,
    [property: Id(4)] ThemeScore[] Themes,
    [property: Id(5)] DateTimeOffset WaitingSince,
    [property: Id(6)] string[] PastSupporters,
    [property: Id(7)] HandoffCard Handoff)
{
    /// <summary>Supporters never to be offered this person now: those who declined or let an offer of it lapse.</summary>
    [Id(8)] public string[] ExcludedSupporters { get; init; } = [];

    /// <summary>The supporter the person asked for again: offered alone while they can take it.</summary>
    [Id(9)] public string? AskedFor { get; init; }
}

/// <summary>A supporter as the matchmaker's availability index sees them; pushed by the supporter grain on every change.</summary>
[GenerateSerializer, Alias("StoriBoard.SupporterAvailability")]
public sealed record SupporterAvailability(
    [property: Id(0)] string SupporterId,
    [property: Id(1)] SupporterProfile Profile,
    [property: Id(2)] Presence Presence,
    [property: Id(3)] int ActiveChats,
    [property: Id(4)] double WeightedLoad,
    [property: Id(5)] DateTimeOffset IdleSince,
    [property: Id(6)] int RedFlagChatsThisShift,
    [property: Id(7)] DateTimeOffset? CoolDownUntil)
{
    /// <summary>
    /// The offers the supporter holds from every matchmaker shard. A shard counts them as taken places, and drops its
    /// own offers that are not among them (they never reached the supporter, or died with the supporter's silo).
    /// </summary>
    [Id(9)] public string[] HeldOfferIds { get; init; } = [];

    public int HeldOffers => HeldOfferIds.Length;

    public bool HasFreeCapacity => ActiveChats < Profile.MaxConcurrentChats;

    public bool IsCoolingDown(DateTimeOffset now) => CoolDownUntil > now;
}

/// <summary>An offer of one conversation to one supporter, with the reasons it was chosen.</summary>
[GenerateSerializer, Alias("StoriBoard.Offer")]
public sealed record Offer(
    [property: Id(0)] string OfferId,
    [property: Id(1)] string ConversationId,
    [property: Id(2)] string SupporterId,
    [property: Id(3)] string MatchmakerKey,
    [property: Id(4)] string[] Themes,
    [property: Id(5)] RiskLevel Risk,
    [property: Id(6)] string[] Reasons,
    [property: Id(7)] string[] SharedExperience,
    [property: Id(8)] DateTimeOffset ExpiresAt,
    [property: Id(9)] HandoffCard Handoff)
{
    public OfferView ToView() =>
        new(OfferId, ConversationId, Themes, Risk, Handoff.Summary, Reasons, ExpiresAt, Handoff);
}

/// <summary>Where a waiting conversation stands, pushed to the seeker as it changes.</summary>
/// <param name="NobodyOnline">
/// No supporter who could take this chat (its language; crisis training for a red flag; not excluded) is online, busy
/// or not: there is no honest estimate to give.
/// </param>
[GenerateSerializer, Alias("StoriBoard.QueueStanding")]
public sealed record QueueStanding(
    [property: Id(0)] int Position, [property: Id(1)] int EstimatedWaitSeconds, [property: Id(2)] bool NobodyOnline = false);
