namespace StoriBoard.LoadTests.Metrics;

/// <summary>The latencies a run measures; offers and matches are kept per risk level.</summary>
public static class MetricNames
{
    public const string Connect = "connect";
    public const string AiFirstReply = "ai-first-reply";
    public const string SeekerToSupporter = "seeker-to-supporter";
    public const string SupporterToSeeker = "supporter-to-seeker";

    public static string Offer(string? risk) => $"offer-{risk ?? "unknown"}";

    public static string Match(string? risk) => $"match-{risk ?? "unknown"}";

    public static bool IsDelivery(string name) => name is SeekerToSupporter or SupporterToSeeker;
}
