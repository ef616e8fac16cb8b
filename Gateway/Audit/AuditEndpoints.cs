using System.Globalization;
using System.Text;
using StoriBoard.Gateway.Auth;

namespace StoriBoard.Gateway.Audit;

/// <summary>Admins read the audit log a page at a time, newest first, and export it as CSV.</summary>
public static class AuditEndpoints
{
    public const int LongestPage = 500;

    /// <summary>The most one export holds; narrow it by time for more.</summary>
    public const int LongestExport = 100_000;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", Read).RequireAuthorization(Policies.Admin);
        api.MapGet("/audit/export", Export).RequireAuthorization(Policies.Admin);
        return api;
    }

    private static async Task<IResult> Read(
        AuditLog audit, string? before, int? limit, string? action, string? actor, string? target, string? from, string? to)
    {
        if (limit is < 1 or > LongestPage)
        {
            throw HelplineException.Invalid($"limit is from 1 to {LongestPage}.");
        }

        return Results.Ok(await audit.Read(Query(before, limit ?? 100, action, actor, target, from, to)));
    }

    private static async Task<IResult> Export(
        AuditLog audit, string? action, string? actor, string? target, string? from, string? to)
    {
        var page = await audit.Read(Query(null, LongestExport, action, actor, target, from, to));
        var csv = new StringBuilder("id,at,actor,action,target,detail,address\n");
        foreach (var e in page.Entries)
        {
            csv.AppendJoin(',', [e.Id, e.At.ToString("O", CultureInfo.InvariantCulture), Cell(e.Actor), Cell(e.Action), Cell(e.Target), Cell(e.Detail), Cell(e.Address)]);
            csv.Append('\n');
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "audit.csv");
    }

    private static AuditQuery Query(
        string? before, int limit, string? action, string? actor, string? target, string? from, string? to)
    {
        if (before is not null && !IsEntryId(before))
        {
            throw HelplineException.Invalid("before is the id of an audit entry, as the last page's next gave it.");
        }

        return new AuditQuery(before, limit, Blank(action), Blank(actor), Blank(target), Time(from, "from"), Time(to, "to"));
    }

    private static bool IsEntryId(string id) =>
        id.Split('-') is [var ms, var n] && ms.Length is > 0 and <= 20 && n.Length is > 0 and <= 20
        && ms.All(char.IsAsciiDigit) && n.All(char.IsAsciiDigit);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Time(string? value, string name) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw HelplineException.Invalid($"{name} is an ISO-8601 time such as 2026-12-07T02:00:00Z.");

    /// <summary>Quoted, and a leading formula character defused, so that opening the file in a spreadsheet runs nothing.</summary>
    private static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0]))
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
