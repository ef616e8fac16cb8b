using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StoriBoard.Gateway.Edge;

namespace StoriBoard.Gateway.Hubs;

/// <summary>
/// The open hub connections of each user on this gateway process, across both hubs: caps how many one token may hold
/// at once, and closes them all when the user's token is revoked. Per process: a user may hold the cap on each gateway.
/// </summary>
public sealed class UserConnections(IOptions<LimitsOptions> limits)
{
    private const string AdmittedItem = "storiboard.admitted";

    private readonly object _gate = new();
    private readonly Dictionary<string, HashSet<HubCallerContext>> _byUser = new(StringComparer.Ordinal);

    public int Cap => limits.Value.ConnectionsPerUser;

    /// <summary>Admits a new connection, or refuses it with rate_limited when its user already holds the cap.</summary>
    public void Admit(HubCallerContext context)
    {
        var user = context.UserIdentifier ?? throw HelplineException.Forbidden("A connection needs a user.");
        lock (_gate)
        {
            if (!_byUser.TryGetValue(user, out var open))
            {
                _byUser[user] = open = [];
            }

            if (open.Count >= Cap)
            {
                throw new HelplineException(
                    ErrorCodes.RateLimited,
                    $"At most {Cap} connections at once with one sign-in; close another tab or window first.");
            }

            open.Add(context);
            context.Items[AdmittedItem] = true;
        }
    }

    /// <summary>True when the connection had been admitted (and is now released).</summary>
    public bool Release(HubCallerContext context)
    {
        if (context.UserIdentifier is not { } user || !context.Items.Remove(AdmittedItem))
        {
            return false;
        }

        lock (_gate)
        {
            if (_byUser.TryGetValue(user, out var open) && open.Remove(context) && open.Count == 0)
            {
                _byUser.Remove(user);
            }
        }

        return true;
    }

    public int Count(string user)
    {
        lock (_gate)
        {
            return _byUser.TryGetValue(user, out var open) ? open.Count : 0;
        }
    }

    /// <summary>Closes every connection of this user on this process; each then leaves through its hub's OnDisconnected.</summary>
    public int CloseAll(string user)
    {
        HubCallerContext[] open;
        lock (_gate)
        {
            open = _byUser.TryGetValue(user, out var set) ? [.. set] : [];
        }

        foreach (var context in open)
        {
            context.Abort();
        }

        return open.Length;
    }
}
