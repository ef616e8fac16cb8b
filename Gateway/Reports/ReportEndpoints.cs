using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using StoriBoard.Gateway.Auth;
using StoriBoard.Reports;

namespace StoriBoard.Gateway.Reports;

/// <summary>The night's figures for supervisors and admins, by hour or day (UTC), as JSON or CSV.</summary>
public static class ReportEndpoints
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        api.MapGet("/reports", Json).RequireAuthorization(Policies.Oversight);
        api.MapGet("/reports.csv", Csv).RequireAuthorization(Policies.Oversight);
        return api;
    }

    private static async Task<IResult> Json(
        IFigureStore store, IOptions<ReportOptions> options, string? from, string? to, string? by) =>
        Results.Ok(await Read(store, options.Value, from, to, by));

    private static async Task<IResult> Csv(
        IFigureStore store, IOptions<ReportOptions> options, string? from, string? to, string? by)
    {
        var report = await Read(store, options.Value, from, to, by);
        var csv = new StringBuilder(
            "period,start,conversations,ai_only,peer_chats,abandoned_before_peer,ai_replies,ai_reply_p50_s,ai_reply_p90_s," +
            "peer_waits,peer_wait_p50_s,peer_wait_p90_s,red_flags,red_flags_reached_crisis_trained,red_flags_never_reached," +
            "crisis_wait_p50_s,crisis_wait_p90_s,crisis_hand_overs,supervisor_take_overs,ratings,rating_mean," +
            "rating_1,rating_2,rating_3,rating_4,rating_5,supporter_hours,chat_hours,load\n");
        var period = report.By == ReportStep.Hour ? "hour" : "day";
        foreach (var row in report.Rows)
        {
            Line(csv, period, row);
        }

        Line(csv, "total", report.Total);
        var name = $"storiboard-report-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}-by-{period}.csv";
        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    /// <summary>Every cell is a number, a date or a fixed word: nothing a person wrote, so nothing to quote.</summary>
    private static void Line(StringBuilder csv, string period, ReportRow row)
    {
        static string N(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";
        csv.AppendJoin(',', [
            period, row.Start.ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture),
            N(row.Conversations), N(row.AiOnly), N(row.PeerChats), N(row.Abandoned),
            N(row.AiReplies), N(row.AiReplyP50Seconds), N(row.AiReplyP90Seconds),
            N(row.PeerWaits), N(row.PeerWaitP50Seconds), N(row.PeerWaitP90Seconds),
            N(row.RedFlags), N(row.RedFlagsReached), N(row.RedFlagsNeverReached), N(row.CrisisWaitP50Seconds), N(row.CrisisWaitP90Seconds),
            N(row.CrisisHandOvers), N(row.SupervisorTakeOvers), N(row.Ratings), N(row.RatingMean),
            .. row.RatingsByStars.Select(count => N(count)),
            N(row.SupporterHours), N(row.ChatHours), N(row.Load)]);
        csv.Append('\n');
    }

    private static async Task<NightReport> Read(IFigureStore store, ReportOptions options, string? from, string? to, string? by)
    {
        var first = Day(from, "from");
        var last = Day(to, "to");
        if (last < first)
        {
            throw HelplineException.Invalid("to is on or after from.");
        }

        var days = last.DayNumber - first.DayNumber + 1;
        if (days > options.LongestRangeDays)
        {
            throw HelplineException.Invalid($"A report covers at most {options.LongestRangeDays} days.");
        }

        var step = by switch
        {
            null or "day" => ReportStep.Day,
            "hour" => ReportStep.Hour,
            _ => throw HelplineException.Invalid("by is hour or day."),
        };
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return NightReport.Of(first, last, step, await store.Read(start, days * 24));
    }

    private static DateOnly Day(string? value, string name) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && day.Year >= 2000
            ? day
            : throw HelplineException.Invalid($"{name} is a UTC day written YYYY-MM-DD, such as 2026-12-07.");
}
