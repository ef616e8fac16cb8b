using Orleans.Concurrency;

namespace StoriBoard;

/// <summary>
/// A person's plan of small steps, made with a supporter or alone, and whether that supporter may follow it. Keyed by the
/// seeker id, so the plan follows the person from one conversation (and one connection) to the next.
/// </summary>
[Alias("StoriBoard.IPlanGrain")]
public interface IPlanGrain : IGrainWithStringKey
{
    /// <summary>A step proposed in one of this person's conversations: by them (accepted at once) or by its supporter.</summary>
    [Alias("Propose")]
    Task<PlanView> Propose(Participant caller, string conversationId, string text, string? when);

    /// <summary>The person accepts a step their supporter proposed.</summary>
    [Alias("Accept")]
    Task<PlanView> Accept(Participant caller, string conversationId, string stepId);

    /// <summary>The person says how steps went: done, not yet, or changed (with the new words).</summary>
    [Alias("Progress")]
    Task<PlanView> Progress(StepAnswer[] answers);

    /// <summary>The plan for the person, or for the supporter of one of their conversations.</summary>
    [Alias("View")]
    Task<PlanView> View(Participant caller, string? conversationId);

    /// <summary>The person allows (or no longer allows) the supporter they made the plan with to follow it.</summary>
    [Alias("Consent")]
    Task<PlanView> Consent(bool allow);

    /// <summary>An encouragement for the next check-in, from the supporter the person allowed to follow them.</summary>
    [Alias("LeaveNote")]
    Task LeaveNote(string supporterId, string text);

    /// <summary>The check-in takes the waiting encouragement, if the person still allows it.</summary>
    [Alias("TakeNote")]
    Task<Encouragement?> TakeNote();

    /// <summary>What a following supporter may see; null without the person's consent.</summary>
    [Alias("AsFollowedBy")]
    Task<SupportedPersonView?> AsFollowedBy(string supporterId, string personId);

    /// <summary>Interleaves: conversations ask for it while the plan may be asking them who they are.</summary>
    [AlwaysInterleave, Alias("Steps")]
    Task<PlanStepView[]> Steps();

    [Alias("Erase")]
    Task Erase();
}

/// <summary>A person's check-ins: one scheduled at a time (an Orleans reminder), one waiting for an answer, the moods given.</summary>
[Alias("StoriBoard.ICheckInGrain")]
public interface ICheckInGrain : IGrainWithStringKey
{
    /// <summary>Schedules (or moves) the next check-in; answers its time.</summary>
    [Alias("Schedule")]
    Task<CheckInSchedule> Schedule(CheckInTime time);

    [Alias("Cancel")]
    Task Cancel();

    /// <summary>The check-in waiting for an answer; one whose time has come is made now (the person has just come back).</summary>
    [Alias("Pending")]
    Task<CheckInView?> Pending();

    [Alias("Next")]
    Task<CheckInSchedule?> Next();

    [Alias("Answer")]
    Task<CheckInAnswered> Answer(string checkInId, int mood, StepAnswer[] steps, string? text);

    /// <summary>Every mood given at a check-in, oldest first.</summary>
    [AlwaysInterleave, Alias("Moods")]
    Task<MoodReading[]> Moods();

    /// <summary>The moods with the time zone the person chose their check-ins in. Interleaves: an answer's conversation asks for it.</summary>
    [AlwaysInterleave, Alias("MoodHistory")]
    Task<MoodHistory> MoodHistory();

    [Alias("Erase")]
    Task Erase();
}

/// <summary>The people who allowed one supporter to follow their plan. Keyed by the supporter id.</summary>
[Alias("StoriBoard.ISupportedPeopleGrain")]
public interface ISupportedPeopleGrain : IGrainWithStringKey
{
    /// <summary>Answers the id the supporter knows the person by (never their seeker id).</summary>
    [Alias("Follow")]
    Task<string> Follow(string seekerId);

    [OneWay, Alias("Unfollow")]
    Task Unfollow(string seekerId);

    [Alias("List")]
    Task<SupportedPersonView[]> List();

    [Alias("LeaveNote")]
    Task<SupportedPersonView> LeaveNote(string personId, string text);
}
