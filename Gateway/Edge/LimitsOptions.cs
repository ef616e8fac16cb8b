namespace StoriBoard.Gateway.Edge;

/// <summary>
/// Limits on anonymous traffic at the gateway's edge, bound from the "StoriBoard:Limits" configuration section. Counts
/// are per client address (an IPv6 client by its /64) and per gateway process. Behind a reverse proxy, forward the
/// client's address (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true), or every client shares the proxy's budget.
/// </summary>
public sealed class LimitsOptions : ISettings
{
    public const string Section = "StoriBoard:Limits";

    /// <summary>New anonymous sessions (POST /api/sessions) per address per <see cref="SessionWindow"/>.</summary>
    public int SessionsPerWindow { get; set; } = 30;

    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hub negotiations (POST /hubs/*/negotiate) per address per <see cref="NegotiationWindow"/>.</summary>
    public int NegotiationsPerWindow { get; set; } = 120;

    public TimeSpan NegotiationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Tries to come back with a return key (POST /api/sessions/resume) per address per <see cref="ResumeWindow"/>,
    /// right or wrong: with the lock on each lookup record, it keeps guessing keys hopeless.</summary>
    public int ResumesPerWindow { get; set; } = 10;

    public TimeSpan ResumeWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests with a wrong X-Admin-Key per address per <see cref="AdminKeyFailureWindow"/>; past it, every
    /// request carrying the header from that address is refused until the window ends.</summary>
    public int AdminKeyFailures { get; set; } = 5;

    public TimeSpan AdminKeyFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a wrong admin key waits before its answer, so that guessing is slow even within budget.</summary>
    public TimeSpan AdminKeyFailureDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Staff sign-ins, invite acceptances and refreshes (POST /api/staff/…) per address per
    /// <see cref="StaffSignInWindow"/>, right or wrong; each account also locks after repeated wrong passwords.</summary>
    public int StaffSignInsPerWindow { get; set; } = 20;

    public TimeSpan StaffSignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Open hub connections per user (one token) on one gateway process; the next one is refused.</summary>
    public int ConnectionsPerUser { get; set; } = 10;

    public IEnumerable<string> Problems()
    {
        if (SessionsPerWindow < 1 || NegotiationsPerWindow < 1 || AdminKeyFailures < 1 || ConnectionsPerUser < 1)
        {
            yield return "StoriBoard__Limits__SessionsPerWindow, …__NegotiationsPerWindow, …__AdminKeyFailures and …__ConnectionsPerUser must be 1 or more.";
        }

        if (SessionWindow <= TimeSpan.Zero || NegotiationWindow <= TimeSpan.Zero || AdminKeyFailureWindow <= TimeSpan.Zero)
        {
            yield return "StoriBoard__Limits__SessionWindow, …__NegotiationWindow and …__AdminKeyFailureWindow must be longer than zero.";
        }

        if (ResumesPerWindow < 1 || ResumeWindow <= TimeSpan.Zero)
        {
            yield return "StoriBoard__Limits__ResumesPerWindow must be 1 or more and StoriBoard__Limits__ResumeWindow longer than zero.";
        }

        if (StaffSignInsPerWindow < 1 || StaffSignInWindow <= TimeSpan.Zero)
        {
            yield return "StoriBoard__Limits__StaffSignInsPerWindow must be 1 or more and StoriBoard__Limits__StaffSignInWindow longer than zero.";
        }

        if (AdminKeyFailureDelay < TimeSpan.Zero || AdminKeyFailureDelay > TimeSpan.FromSeconds(30))
        {
            yield return "StoriBoard__Limits__AdminKeyFailureDelay must be between 0 and 30 seconds.";
        }
    }
}
