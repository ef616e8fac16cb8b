using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StoriBoard.Matching;

namespace StoriBoard.Tests.Matching;

/// <summary>People and boards for matching tests, on a fake clock.</summary>
public sealed class Helpline
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 2, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public MatchingOptions Options { get; } = new() { Shards = 1 };

    public MatchScoringOptions Weights { get; } = new();

    public LivedExperienceScorer Scorer => new(Microsoft.Extensions.Options.Options.Create(Weights));

    public MatchBoard Board() => new(Scorer, Clock, Options, "en/0");

    public static SupporterAvailability Supporter(
        string name,
        string[]? livedExperience = null,
        bool crisisTrained = false,
        int capacity = 3,
        int activeChats = 0,
        Presence presence = Presence.Online,
        DateTimeOffset? idleSince = null,
        int redFlagChats = 0,
        DateTimeOffset? coolDownUntil = null,
        string language = "en") =>
        new(name.ToLowerInvariant(),
            new SupporterProfile(name, livedExperience ?? [], [language], crisisTrained, capacity, Role.Supporter),
            presence,
            activeChats,
            activeChats,
            idleSince ?? Start,
            redFlagChats,
            coolDownUntil);

    public static MatchRequest Seeker(
        string conversationId,
        RiskLevel risk = RiskLevel.Low,
        (string Theme, double Score)[]? themes = null,
        DateTimeOffset? waitingSince = null,
        string[]? pastSupporters = null,
        string language = "en") =>
        new(conversationId,
            $"seeker-{conversationId}",
            language,
            risk,
            (themes ?? []).Select(t => new ThemeScore(t.Theme, t.Score)).ToArray(),
            waitingSince ?? Start,
            pastSupporters ?? [],
            new HandoffCard(string.Empty, [], [risk], []));
}
