namespace StoriBoard;

/// <summary>
/// What a conversation needs to know of a person a supervisor moves a chat to: whether they speak its language and may
/// take a red flag (crisis-trained, or a supervisor).
/// </summary>
[GenerateSerializer, Alias("StoriBoard.Appointee")]
public sealed record Appointee(
    [property: Id(0)] SupporterSummary Supporter,
    [property: Id(1)] string[] Languages,
    [property: Id(2)] bool CrisisTrained,
    [property: Id(3)] Role Role)
{
    /// <summary>A red flag goes only to someone trained for it; a supervisor always is.</summary>
    public bool MayTakeRedFlag => CrisisTrained || Role == Role.Supervisor;
}
