namespace StoriBoard;

/// <summary>
/// How one peer chat was left: the person's rating and the supporter's private note, whoever ended first. Read by
/// supervisors and admins; never by the person, and never shown to other supporters.
/// </summary>
[GenerateSerializer, Alias("StoriBoard.WrapUpView")]
public sealed record WrapUpView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string SupporterId,
    [property: Id(2)] string SupporterName,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] int? Rating,
    [property: Id(6)] string? Note,
    [property: Id(7)] RiskLevel HighestRisk,
    [property: Id(8)] string[] Themes,
    [property: Id(9)] RedFlagKind? Kind);

/// <summary>One supporter's wrap-ups, newest first, for their supervisors: kept as chats end, never by scanning.</summary>
[Alias("StoriBoard.ISupporterWrapUpsGrain")]
public interface ISupporterWrapUpsGrain : IGrainWithStringKey
{
    /// <summary>Keeps a chat's wrap-up, or replaces it when the side that ended second adds its part.</summary>
    [Alias("Keep")]
    Task Keep(WrapUpView wrapUp);

    /// <summary>The person erased their data: their chat's wrap-up goes too.</summary>
    [Alias("Forget")]
    Task Forget(string conversationId);

    [Alias("Recent")]
    Task<WrapUpView[]> Recent(int count);
}
