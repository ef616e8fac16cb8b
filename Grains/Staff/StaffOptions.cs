namespace StoriBoard.Staff;

/// <summary>Staff accounts, invites and sessions, bound from the "StoriBoard:Staff" configuration section.</summary>
public sealed class StaffOptions : ISettings
{
    public const string Section = "StoriBoard:Staff";

    /// <summary>How long an invite link works.</summary>
    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The life of an access token; a session refreshes it without signing in again.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token works unused: longer than a night shift, so nobody signs in again mid-shift.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(16);

    /// <summary>The longest a session lasts, however often refreshed.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Sessions one person may hold at once; opening another ends the oldest.</summary>
    public int SessionsPerPerson { get; set; } = 10;

    /// <summary>Wrong passwords in a row before the account locks.</summary>
    public int FailuresBeforeLock { get; set; } = 5;

    /// <summary>How long a locked account refuses every password, right or wrong.</summary>
    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(15);

    public const int ShortestPassword = 12;

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (InviteLifetime <= TimeSpan.Zero || InviteLifetime > TimeSpan.FromDays(30))
        {
            yield return $"{Name(nameof(InviteLifetime))} must be longer than zero and at most 30 days.";
        }

        if (AccessTokenLifetime < TimeSpan.FromMinutes(1) || AccessTokenLifetime > TimeSpan.FromHours(1))
        {
            yield return $"{Name(nameof(AccessTokenLifetime))} must be from one minute to one hour.";
        }

        if (RefreshTokenLifetime <= AccessTokenLifetime || SessionLifetime < RefreshTokenLifetime)
        {
            yield return $"{Name(nameof(RefreshTokenLifetime))} must be longer than {Name(nameof(AccessTokenLifetime))}, and {Name(nameof(SessionLifetime))} at least as long.";
        }

        if (SessionsPerPerson < 1)
        {
            yield return $"{Name(nameof(SessionsPerPerson))} must be 1 or more.";
        }

        if (FailuresBeforeLock < 1 || LockFor <= TimeSpan.Zero)
        {
            yield return $"{Name(nameof(FailuresBeforeLock))} must be 1 or more and {Name(nameof(LockFor))} longer than zero.";
        }
    }
}
