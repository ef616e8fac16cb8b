using System.Text.Json.Serialization;

namespace StoriBoard;

/// <summary>How a step went. On the wire: "open", "done", "not_yet", "changed".</summary>
[Alias("StoriBoard.StepProgress")]
[JsonConverter(typeof(JsonStringEnumConverter<StepProgress>))]
public enum StepProgress
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("done")]
    Done,

    [JsonStringEnumMemberName("not_yet")]
    NotYet,

    [JsonStringEnumMemberName("changed")]
    Changed,
}

/// <param name="ProposedBy">Seeker or Supporter.</param>
/// <param name="Accepted">A supporter's proposal stays proposed until the person accepts it.</param>
[GenerateSerializer, Alias("StoriBoard.PlanStepView")]
public sealed record PlanStepView(
    [property: Id(0)] string StepId,
    [property: Id(1)] string Text,
    [property: Id(2)] string? When,
    [property: Id(3)] Sender ProposedBy,
    [property: Id(4)] bool Accepted,
    [property: Id(5)] StepProgress Progress,
    [property: Id(6)] DateTimeOffset ProposedAt);

/// <param name="ConversationId">The conversation the plan was last changed in (for a supporter's console).</param>
/// <param name="MadeWith">The supporter the plan was made with, if any.</param>
/// <param name="FollowUp">Whether the person lets that supporter follow the plan; null until they have answered.</param>
[GenerateSerializer, Alias("StoriBoard.PlanView")]
public sealed record PlanView(
    [property: Id(0)] PlanStepView[] Steps,
    [property: Id(1)] string? ConversationId,
    [property: Id(2)] string? MadeWith,
    [property: Id(3)] bool? FollowUp);

/// <summary>A check-in's time as the person chose it, in their own time zone.</summary>
/// <param name="TimeZone">An IANA time zone, e.g. "Europe/London".</param>
/// <param name="InDays">1 is tomorrow; at most <c>CheckInOptions.MaxDaysAhead</c>.</param>
/// <param name="TimeOfDay">"morning", "afternoon", "evening", or a local time "HH:mm".</param>
[GenerateSerializer, Alias("StoriBoard.CheckInTime")]
public sealed record CheckInTime(
    [property: Id(0)] string TimeZone,
    [property: Id(1)] int InDays,
    [property: Id(2)] string TimeOfDay);

[GenerateSerializer, Alias("StoriBoard.CheckInSchedule")]
public sealed record CheckInSchedule(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string TimeZone);

[GenerateSerializer, Alias("StoriBoard.Encouragement")]
public sealed record Encouragement(
    [property: Id(0)] string Text,
    [property: Id(1)] string From,
    [property: Id(2)] DateTimeOffset LeftAt);

/// <summary>A check-in waiting for the person's answer: how are you, how did the steps go, and a word from their supporter.</summary>
[GenerateSerializer, Alias("StoriBoard.CheckInView")]
public sealed record CheckInView(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] PlanStepView[] Steps,
    [property: Id(3), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Encouragement? Note = null);

/// <param name="StepId">A step of the plan.</param>
/// <param name="Text">The step in new words, with <see cref="StepProgress.Changed"/>.</param>
[GenerateSerializer, Alias("StoriBoard.StepAnswer")]
public sealed record StepAnswer(
    [property: Id(0)] string StepId,
    [property: Id(1)] StepProgress Progress,
    [property: Id(2)] string? Text = null);

/// <param name="ConversationId">The conversation opened for the answer's words or a low mood, if any.</param>
/// <param name="PeerOffered">A low mood or a falling one: that conversation is asking for a peer supporter.</param>
/// <param name="MoodFalling">The moods of the last check-ins have fallen (see <see cref="PersonPattern"/>), whatever this one's.</param>
[GenerateSerializer, Alias("StoriBoard.CheckInAnswered")]
public sealed record CheckInAnswered(
    [property: Id(0)] string CheckInId,
    [property: Id(1)] string? ConversationId,
    [property: Id(2)] bool PeerOffered,
    [property: Id(3)] bool MoodFalling = false);

/// <summary>One mood given at a check-in (1 very low to 5 very good), with its time.</summary>
[GenerateSerializer, Alias("StoriBoard.MoodReading")]
public sealed record MoodReading(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Mood);

/// <summary>Everything of the person's continuity the seeker page shows on connecting.</summary>
[GenerateSerializer, Alias("StoriBoard.ContinuityView")]
public sealed record ContinuityView(
    [property: Id(0)] PlanView Plan,
    [property: Id(1)] CheckInSchedule? NextCheckIn,
    [property: Id(2)] CheckInView? CheckIn);

/// <summary>One person in a supporter's "People I support": their plan's progress and check-in moods, by consent only.</summary>
/// <param name="PersonId">How this supporter refers to the person (never their seeker id).</param>
/// <param name="Note">The encouragement waiting for the person's next check-in, if any.</param>
[GenerateSerializer, Alias("StoriBoard.SupportedPersonView")]
public sealed record SupportedPersonView(
    [property: Id(0)] string PersonId,
    [property: Id(1)] PlanStepView[] Steps,
    [property: Id(2)] MoodReading[] Moods,
    [property: Id(3)] DateTimeOffset? LastCheckInAnswered,
    [property: Id(4)] string? Note);

/// <summary>What a plan needs of a conversation: whose it is, its state, and its supporter.</summary>
[GenerateSerializer, Alias("StoriBoard.ConversationPlanContext")]
public sealed record ConversationPlanContext(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] ConversationStatus Status,
    [property: Id(2)] SupporterSummary? Supporter);
