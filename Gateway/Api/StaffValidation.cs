using System.Text.RegularExpressions;
using StoriBoard.Staff;

namespace StoriBoard.Gateway.Api;

/// <summary>Reads the staff calls' input; a refusal says what was wrong and never repeats a password or a token.</summary>
public static partial class StaffValidation
{
    public static string Email(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        return trimmed.Length <= 254 && EmailShape().IsMatch(trimmed)
            ? trimmed.ToLowerInvariant()
            : throw HelplineException.Invalid("email is an e-mail address such as name@example.org.");
    }

    /// <summary>Account ids are the gateway's own (32 hex digits); anything else names nobody.</summary>
    public static string AccountId(string? accountId) =>
        accountId is not null && Id().IsMatch(accountId) ? accountId : throw HelplineException.NotFound("This staff account");

    public static string SessionId(string? sessionId) =>
        sessionId is not null && Id().IsMatch(sessionId) ? sessionId : throw HelplineException.NotFound("This session");

    public static (string AccountId, string Secret) InviteToken(string? token)
    {
        var parts = token?.Trim().Split('.') ?? [];
        return parts.Length == 2 && Id().IsMatch(parts[0]) && Secret().IsMatch(parts[1])
            ? (parts[0], parts[1])
            : throw new HelplineException(ErrorCodes.Unauthorized, "This invite link has expired or been used. Ask an admin for a new one.");
    }

    public static (string AccountId, string SessionId, string Secret) RefreshToken(string? token)
    {
        var parts = token?.Trim().Split('.') ?? [];
        return parts.Length == 3 && Id().IsMatch(parts[0]) && Id().IsMatch(parts[1]) && Secret().IsMatch(parts[2])
            ? (parts[0], parts[1], parts[2])
            : throw new HelplineException(ErrorCodes.Unauthorized, "This session has ended; please sign in again.");
    }

    /// <summary>An invite's profile, as POST /api/supporters reads one, with "admin" as a third role.</summary>
    public static SupporterProfile Profile(StaffInviteRequest request) =>
        Profile(request.DisplayName, request.LivedExperience, request.Languages, request.CrisisTrained, request.MaxConcurrentChats, request.Role);

    /// <summary>The profile after an edit, and the names of the fields that changed (for the audit, never their values).</summary>
    public static (SupporterProfile Profile, string[] Changed) Edit(SupporterProfile before, StaffEditRequest? request)
    {
        if (request is null)
        {
            throw HelplineException.Invalid("An edit needs a JSON body.");
        }

        var after = Profile(
            request.DisplayName ?? before.DisplayName,
            request.LivedExperience ?? before.LivedExperience,
            request.Languages ?? before.Languages,
            request.CrisisTrained ?? before.CrisisTrained,
            request.MaxConcurrentChats ?? before.MaxConcurrentChats,
            request.Role ?? Gateway.Auth.Roles.ClaimValue(before.Role));
        var changed = new List<string>();
        if (after.DisplayName != before.DisplayName) changed.Add("displayName");
        if (!after.LivedExperience.Order().SequenceEqual(before.LivedExperience.Order())) changed.Add("livedExperience");
        if (!after.Languages.Order().SequenceEqual(before.Languages.Order())) changed.Add("languages");
        if (after.CrisisTrained != before.CrisisTrained) changed.Add("crisisTrained");
        if (after.MaxConcurrentChats != before.MaxConcurrentChats) changed.Add("maxConcurrentChats");
        if (after.Role != before.Role) changed.Add($"role:{Gateway.Auth.Roles.ClaimValue(after.Role)}");
        return (after, [.. changed]);
    }

    public static StaffSearch Search(string? q, string? theme, string? language, string? role, string? status)
    {
        if (q is { Length: > 100 })
        {
            throw HelplineException.Invalid("q is at most 100 characters.");
        }

        if (theme is not null && !Themes.IsKnown(theme))
        {
            throw HelplineException.Invalid($"theme is one of {string.Join(", ", Themes.All)}.");
        }

        Role? wantedRole = role switch
        {
            null => null,
            "supporter" => Role.Supporter,
            "supervisor" => Role.Supervisor,
            "admin" => Role.Admin,
            _ => throw HelplineException.Invalid("role is \"supporter\", \"supervisor\" or \"admin\"."),
        };
        StaffStatus? wantedStatus = status switch
        {
            null => null,
            "invited" => StaffStatus.Invited,
            "active" => StaffStatus.Active,
            "deactivated" => StaffStatus.Deactivated,
            _ => throw HelplineException.Invalid("status is \"invited\", \"active\" or \"deactivated\"."),
        };
        return new StaffSearch(string.IsNullOrWhiteSpace(q) ? null : q.Trim(), theme, language?.Trim().ToLowerInvariant(), wantedRole, wantedStatus);
    }

    private static SupporterProfile Profile(
        string? displayName, string[]? lived, string[]? languages, bool? crisisTrained, int? capacity, string? role)
    {
        var admin = role == "admin";

        // An admin takes no chats: a language and a capacity are filled in if not given, for the record's shape.
        var profile = RequestValidation.Profile(new SupporterRequest(
            displayName,
            lived,
            admin && (languages is null || languages.Length == 0) ? ["en"] : languages,
            crisisTrained,
            admin ? capacity ?? 1 : capacity,
            admin ? null : role));
        return admin ? profile with { Role = Role.Admin } : profile;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Id();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex Secret();
}

/// <summary>What the admin page searched the staff list for.</summary>
public sealed record StaffSearch(string? Text, string? Theme, string? Language, Role? Role, StaffStatus? Status)
{
    public bool Matches(StaffMember member) =>
        (Text is null
            || member.DisplayName.Contains(Text, StringComparison.OrdinalIgnoreCase)
            || member.Email.Contains(Text, StringComparison.OrdinalIgnoreCase))
        && (Theme is null || member.LivedExperience.Contains(Theme))
        && (Language is null || member.Languages.Contains(Language))
        && (Role is null || member.Role == Role)
        && (Status is null || member.Status == Status);
}
