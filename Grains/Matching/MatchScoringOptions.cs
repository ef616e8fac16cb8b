namespace StoriBoard.Matching;

/// <summary>
/// The weights of the match score, bound from "StoriBoard:Matching:Weights". Each part of the score is between 0 and 1
/// before its weight, so a weight says how much that part may move a choice.
/// </summary>
public sealed class MatchScoringOptions
{
    public const string Section = "StoriBoard:Matching:Weights";

    /// <summary>Shared lived experience: the share of the person's themes (by confidence) the supporter has lived through.</summary>
    public double SharedExperience { get; set; } = 3;

    /// <summary>Continuity: a supporter this person spoke with before.</summary>
    public double Continuity { get; set; } = 1;

    /// <summary>Fairness by load: the free share of a supporter's capacity, a red-flag chat weighing more.</summary>
    public double FreeCapacity { get; set; } = 1;

    /// <summary>Fairness by idle time: how long since the supporter's last chat ended, up to <see cref="IdleHorizon"/>.</summary>
    public double Idle { get; set; } = 0.5;

    /// <summary>Shift wellbeing: fewer red-flag chats this shift ranks higher.</summary>
    public double Wellbeing { get; set; } = 0.5;

    /// <summary>
    /// Keeping a place for red flags: taken off when a calmer chat would fill a crisis-trained supporter's last place, so
    /// such chats go to others first (it never rules the supporter out).
    /// </summary>
    public double CrisisReserve { get; set; } = 1;

    /// <summary>Idle time beyond this counts no more: everyone idle this long is equally rested.</summary>
    public TimeSpan IdleHorizon { get; set; } = TimeSpan.FromMinutes(30);
}
