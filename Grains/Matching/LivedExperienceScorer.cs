using Microsoft.Extensions.Options;

namespace StoriBoard.Matching;

/// <summary>
/// Hard constraints first (online, language, crisis-trained for red flags, free capacity, not excluded for this person,
/// not cooling down after a red-flag chat), then a weighted score: shared lived experience, continuity, fairness (free
/// capacity, idle time) and shift wellbeing.
/// </summary>
public sealed class LivedExperienceScorer(IOptions<MatchScoringOptions> options) : IMatchScorer
{
    private readonly MatchScoringOptions _weights = options.Value;

    public double? Score(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now)
    {
        if (!Qualifies(request, candidate, now))
        {
            return null;
        }

        return _weights.SharedExperience * SharedShare(request, candidate.Profile.LivedExperience)
            + (SpokeBefore(request, candidate) ? _weights.Continuity : 0)
            + _weights.FreeCapacity * FreeShare(candidate)
            + _weights.Idle * IdleShare(candidate, now)
            + _weights.Wellbeing / (1 + candidate.RedFlagChatsThisShift)
            - (TakesLastCrisisPlace(request, candidate) ? _weights.CrisisReserve : 0);
    }

    /// <summary>A calmer chat filling a crisis-trained supporter's last place, which a red flag may need next.</summary>
    private static bool TakesLastCrisisPlace(MatchRequest request, SupporterAvailability candidate) =>
        !request.Risk.IsRedFlag()
        && candidate.Profile.CrisisTrained
        && candidate.Profile.MaxConcurrentChats - candidate.ActiveChats == 1;

    public bool SharesExperience(MatchRequest request, SupporterAvailability candidate) =>
        SpokeBefore(request, candidate) || SharedShare(request, candidate.Profile.LivedExperience) > 0;

    public double Ceiling(double sharedShare) =>
        _weights.SharedExperience * sharedShare + _weights.FreeCapacity + _weights.Idle + _weights.Wellbeing;

    public MatchScore Explain(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now)
    {
        var shared = request.Themes
            .Where(t => candidate.Profile.LivedExperience.Contains(t.Id, StringComparer.Ordinal))
            .Select(t => t.Id)
            .ToArray();
        var reasons = new List<string>();
        if (shared.Length > 0)
        {
            reasons.Add($"has lived experience of {LivedExperiencePhrases.List(shared)}");
        }

        if (request.AskedFor == candidate.SupporterId)
        {
            reasons.Add("was asked for again by this person");
        }
        else if (SpokeBefore(request, candidate))
        {
            reasons.Add("has spoken with this person before");
        }

        if (request.Risk.IsRedFlag())
        {
            reasons.Add("is trained for crisis conversations");
        }

        reasons.Add(candidate.ActiveChats == 0 ? "is free now" : "has room for another chat");
        return new MatchScore(Score(request, candidate, now) ?? 0, [.. reasons], shared);
    }

    public bool CouldTake(MatchRequest request, SupporterAvailability candidate) =>
        candidate.Presence == Presence.Online
        && (!request.Risk.IsRedFlag() || candidate.Profile.CrisisTrained)
        && Speaks(candidate.Profile, request.Language)
        && Array.IndexOf(request.ExcludedSupporters, candidate.SupporterId) < 0;

    private bool Qualifies(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now) =>
        CouldTake(request, candidate) && candidate.HasFreeCapacity && !candidate.IsCoolingDown(now);

    private static bool Speaks(SupporterProfile profile, string language)
    {
        foreach (var spoken in profile.Languages)
        {
            if (string.Equals(spoken, language, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Weighted by the classifier's confidence in each theme.</summary>
    public double SharedShare(MatchRequest request, string[] livedExperience)
    {
        double shared = 0, total = 0;
        foreach (var theme in request.Themes)
        {
            total += theme.Score;
            if (Array.IndexOf(livedExperience, theme.Id) >= 0)
            {
                shared += theme.Score;
            }
        }

        return total > 0 ? shared / total : 0;
    }

    private static bool SpokeBefore(MatchRequest request, SupporterAvailability candidate) =>
        Array.IndexOf(request.PastSupporters, candidate.SupporterId) >= 0;

    /// <summary>The free share of capacity, with load weighted by risk so a supporter holding a crisis counts as busier.</summary>
    private static double FreeShare(SupporterAvailability candidate) =>
        1 - Math.Clamp(candidate.WeightedLoad / Math.Max(1, candidate.Profile.MaxConcurrentChats), 0, 1);

    /// <summary>Only a supporter with no chat at all is idle; the longest idle come first, up to the horizon.</summary>
    private double IdleShare(SupporterAvailability candidate, DateTimeOffset now) =>
        candidate.ActiveChats > 0
            ? 0
            : Math.Clamp((now - candidate.IdleSince) / _weights.IdleHorizon, 0, 1);
}
