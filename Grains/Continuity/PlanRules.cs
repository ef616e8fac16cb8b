using System.Globalization;

namespace StoriBoard.Continuity;

/// <summary>What a plan step, a note, a check-in time and a check-in answer must be. Run at the gateway and again in the grains.</summary>
public static class PlanRules
{
    public const int MaxSteps = 5;
    public const int MaxStepLength = 200;
    public const int MaxWhenLength = 80;
    public const int MaxNoteLength = 500;
    public const int MaxIdLength = 64;

    /// <summary>Local hours of the named times of day.</summary>
    private static readonly Dictionary<string, TimeSpan> NamedTimes = new(StringComparer.Ordinal)
    {
        ["morning"] = TimeSpan.FromHours(9),
        ["afternoon"] = TimeSpan.FromHours(14),
        ["evening"] = TimeSpan.FromHours(19),
    };

    public static string StepText(string? text) => PlainText(text, "A step", MaxStepLength);

    public static string? When(string? when) =>
        string.IsNullOrWhiteSpace(when) ? null : PlainText(when, "A step's \"when\"", MaxWhenLength);

    public static string NoteText(string? text) => PlainText(text, "A note", MaxNoteLength);

    public static string Id(string? value, string name) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && value.All(char.IsAsciiLetterOrDigit)
            ? value
            : throw HelplineException.Invalid($"{name} is missing or malformed.");

    /// <summary>Changes to a plan or to check-ins count against the same limit as messages, per person changing them.</summary>
    public static void RequireWithinRate(ConversationOptions options, FloodGuard guard, string who)
    {
        if (!guard.TryAdmit(who))
        {
            throw new HelplineException(
                ErrorCodes.RateLimited,
                $"Too many changes: at most {options.MessagesPerWindow} every {options.RateWindow.TotalSeconds:0} seconds.");
        }
    }

    public static int Mood(int mood) =>
        mood is >= 1 and <= 5 ? mood : throw HelplineException.Invalid("mood is a whole number from 1 to 5.");

    /// <summary>Each step at most once; a changed step brings its new words, others none.</summary>
    public static StepAnswer[] Answers(StepAnswer[]? answers)
    {
        answers ??= [];
        if (answers.Length > MaxSteps || answers.Select(a => a?.StepId).Distinct().Count() != answers.Length)
        {
            throw HelplineException.Invalid($"steps names each step of the plan at most once ({MaxSteps} at most).");
        }

        return answers.Select(a =>
        {
            if (a is null || !Enum.IsDefined(a.Progress) || a.Progress == StepProgress.Open)
            {
                throw HelplineException.Invalid("Each step's progress is one of done, not_yet, changed.");
            }

            var id = Id(a.StepId, "stepId");
            return a.Progress == StepProgress.Changed
                ? new StepAnswer(id, a.Progress, StepText(a.Text))
                : a.Text is null ? new StepAnswer(id, a.Progress) : throw HelplineException.Invalid("Only a changed step brings new words.");
        }).ToArray();
    }

    public static CheckInTime Time(CheckInOptions options, string? timeZone, int inDays, string? timeOfDay)
    {
        if (string.IsNullOrEmpty(timeZone) || timeZone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw HelplineException.Invalid("timeZone is an IANA time zone, such as Europe/London.");
        }

        if (inDays < 1 || inDays > options.MaxDaysAhead)
        {
            throw HelplineException.Invalid($"inDays is 1 (tomorrow) to {options.MaxDaysAhead}.");
        }

        LocalTime(timeOfDay);
        return new CheckInTime(timeZone, inDays, timeOfDay!);
    }

    /// <summary>The moment a check-in falls: that many days after today in the person's zone, at the local time chosen.</summary>
    public static DateTimeOffset When(CheckInTime time, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(time.TimeZone);
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var local = today.AddDays(time.InDays) + LocalTime(time.TimeOfDay);

        // A local time skipped by a clock change falls an hour later; a repeated one takes its first occurrence.
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static TimeSpan LocalTime(string? timeOfDay)
    {
        if (timeOfDay is not null && NamedTimes.TryGetValue(timeOfDay, out var named))
        {
            return named;
        }

        return timeOfDay is { Length: 5 }
            && TimeSpan.TryParseExact(timeOfDay, @"hh\:mm", CultureInfo.InvariantCulture, out var clock)
            && clock < TimeSpan.FromDays(1)
            ? clock
            : throw HelplineException.Invalid("timeOfDay is morning, afternoon, evening, or a time like 18:30.");
    }

    private static string PlainText(string? text, string what, int max)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw HelplineException.Invalid($"{what} cannot be empty.");
        }

        if (trimmed.Length > max)
        {
            throw new HelplineException(ErrorCodes.TooLarge, $"{what} is at most {max} characters.");
        }

        return trimmed.Any(char.IsControl) ? throw HelplineException.Invalid($"{what} is plain text on one line.") : trimmed;
    }
}
