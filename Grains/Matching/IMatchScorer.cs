namespace StoriBoard.Matching;

/// <summary>Scores one supporter for one waiting conversation. The seam the matchmaker ranks candidates through.</summary>
public interface IMatchScorer
{
    /// <summary>Null when a hard constraint rules the supporter out; else the score and the reasons, in people's words.</summary>
    MatchScore? Score(MatchRequest request, SupporterAvailability candidate, DateTimeOffset now);
}

/// <param name="SharedExperience">The conversation's themes the supporter has lived through.</param>
public sealed record MatchScore(double Value, string[] Reasons, string[] SharedExperience);
