namespace StoriBoard.Gateway.Api;

public sealed record SessionRequest(string? Language, string? Region);

public sealed record SessionCreated(string UserId, string Token);

public sealed record ResumeRequest(string? ReturnKey);

/// <summary>What the seeker page says about keeping data: how long a person's chats and return key are kept.</summary>
public sealed record PrivacyTerms(long RetentionSeconds);

public sealed record SupporterRequest(
    string? DisplayName,
    string[]? LivedExperience,
    string[]? Languages,
    bool? CrisisTrained,
    int? MaxConcurrentChats,
    string? Role);

public sealed record SupporterCreated(string SupporterId, string Token);

public sealed record ClassifyRequest(string? Text);

public sealed record ClassifyResponse(
    ThemeScore[] Themes,
    RiskView Risk,
    bool RedFlag,
    string[] Signals,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    RedFlagKind? Kind = null);

public sealed record RiskView(RiskLevel Level, double Score, Dictionary<string, double> Scores);

public sealed record ErrorBody(string Error, string Message);
