namespace StoriBoard.Matching;

/// <summary>
/// The hard constraints every offer must meet, then the least loaded, longest idle supporter first.
/// </summary>
public sealed class AvailabilityScorer : IMatchScorer
{
    public MatchScore? Score(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now)
    {
        var profile = candidate.Profile;
        if (candidate.Presence != Presence.Online
            || !candidate.HasFreeCapacity
            || !profile.Languages.Contains(request.Language, StringComparer.OrdinalIgnoreCase)
            || (request.Risk.IsRedFlag() && !profile.CrisisTrained))
        {
            return null;
        }

        var freeShare = 1.0 - (double)candidate.ActiveChats / profile.MaxConcurrentChats;
        var idleMinutes = Math.Clamp((now - candidate.IdleSince).TotalMinutes, 0, 60) / 60;
        var shared = request.Themes.Select(t => t.Id).Intersect(profile.LivedExperience).ToArray();
        string[] reasons = request.Risk.IsRedFlag()
            ? ["is trained for crisis conversations", "is free now"]
            : ["speaks your language", "is free now"];
        return new MatchScore(freeShare + 0.1 * idleMinutes, reasons, shared);
    }
}
