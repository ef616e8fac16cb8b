namespace StoriBoard.LoadTests.Metrics;

/// <summary>The latencies a run measures; offers and matches are kept per risk level.</summary>
public static class MetricNames
{
    public const string Connect = "connect";
    public const string AiFirstReply = "ai-first-reply";
    public const string SeekerToSupporter = "seeker-to-supporter";
    public const string SupporterToSeeker = "supporter-to-seeker";

    /// <param name="allBusy">
    /// No suitable supporter had room when the person became in need: the wait is then staffing, not the
    /// system, and is kept apart ("offer-high-all-busy") so that it cannot hide or inflate the system's own time.
    /// </param>
    public static string Offer(string? risk, bool allBusy = false) => $"offer-{risk ?? "unknown"}{(allBusy ? "-all-busy" : "")}";

    public static string Match(string? risk, bool allBusy = false) => $"match-{risk ?? "unknown"}{(allBusy ? "-all-busy" : "")}";

    public static bool IsDelivery(string name) => name is SeekerToSupporter or SupporterToSeeker;
}
