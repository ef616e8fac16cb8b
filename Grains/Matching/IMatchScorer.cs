namespace StoriBoard.Matching;

/// <summary>Scores one supporter for one waiting conversation. The seam the matchmaker ranks candidates through.</summary>
public interface IMatchScorer
{
    /// <summary>
    /// Null when a hard constraint rules the supporter out; else the weighted score. Called for many candidates per
    /// decision, so it allocates nothing.
    /// </summary>
    double? Score(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now);

    /// <summary>
    /// True when the supporter could take this chat once they have room: the rules that do not change while the person
    /// waits (language, crisis training for a red flag, not excluded). What an honest wait is counted from.
    /// </summary>
    bool CouldTake(MatchRequest request, SupporterAvailability candidate);

    /// <summary>True when the supporter has lived through one of the person's themes or spoke with them before.</summary>
    bool SharesExperience(MatchRequest request, SupporterAvailability candidate);

    /// <summary>The share of the person's themes, by confidence, that someone with this lived experience has been through.</summary>
    double SharedShare(MatchRequest request, string[] livedExperience);

    /// <summary>
    /// The highest score any supporter sharing this share of the person's themes could reach, continuity aside: lets a
    /// search stop once no one left could beat what it has.
    /// </summary>
    double Ceiling(double sharedShare);

    /// <summary>The chosen supporter's score with the reasons, in people's words; only for the few who get an offer.</summary>
    MatchScore Explain(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now);
}

/// <param name="SharedExperience">The conversation's themes the supporter has lived through.</param>
public sealed record MatchScore(double Value, string[] Reasons, string[] SharedExperience);
