using Microsoft.Extensions.Options;
using StoriBoard.Continuity;

namespace StoriBoard.Gateway.Hubs;

/// <summary>A step's answer as a page sends it: progress is "done", "not_yet" or "changed".</summary>
public sealed record StepAnswerArgument(string? StepId, string? Progress, string? Text);

/// <summary>Checks on plan and check-in arguments at the edge, before any grain is called (the grains check again).</summary>
public static class ContinuityArguments
{
    public static StepProgress Progress(string? progress) => progress switch
    {
        "done" => StepProgress.Done,
        "not_yet" => StepProgress.NotYet,
        "changed" => StepProgress.Changed,
        _ => throw HelplineException.Invalid("progress is one of done, not_yet, changed."),
    };

    public static StepAnswer[] Answers(StepAnswerArgument[]? steps) =>
        PlanRules.Answers((steps ?? []).Select(s => s is null
            ? throw HelplineException.Invalid("A step's answer is missing.")
            : new StepAnswer(s.StepId!, Progress(s.Progress), s.Text)).ToArray());

    public static CheckInTime Time(IOptions<CheckInOptions> options, string? timeZone, int inDays, string? timeOfDay) =>
        PlanRules.Time(options.Value, timeZone, inDays, timeOfDay);
}
