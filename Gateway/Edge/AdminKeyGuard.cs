using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Auth;

namespace StoriBoard.Gateway.Edge;

/// <summary>
/// Counts wrong X-Admin-Key attempts per client address and slows them: each wrong key waits before it is answered,
/// and past the budget every request carrying the header from that address is refused until the window ends. A right
/// key costs nothing and is never counted.
/// </summary>
public sealed class AdminKeyGuard : IDisposable
{
    private readonly AdminKey _adminKey;
    private readonly LimitsOptions _limits;
    private readonly PartitionedRateLimiter<string> _failures;

    public AdminKeyGuard(AdminKey adminKey, IOptions<LimitsOptions> limits)
    {
        _adminKey = adminKey;
        _limits = limits.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _limits.AdminKeyFailures,
                Window = _limits.AdminKeyFailureWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null when the request may go on (its key is then checked as usual); else how long to wait.</summary>
    public async Task<TimeSpan?> Admit(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(AdminKey.Header))
        {
            return null;
        }

        var address = ClientAddress.Of(context);
        using (var open = _failures.AttemptAcquire(address, 0))
        {
            if (!open.IsAcquired)
            {
                return RetryAfter(open);
            }
        }

        if (_adminKey.Matches(context.Request))
        {
            return null;
        }

        using (var failure = _failures.AttemptAcquire(address, 1))
        {
            if (!failure.IsAcquired)
            {
                return RetryAfter(failure);
            }
        }

        try
        {
            await Task.Delay(_limits.AdminKeyFailureDelay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The caller gave up waiting: nothing more to answer.
        }

        return null;
    }

    /// <summary>The answer to an address past its budget of wrong keys.</summary>
    public static Task TooMany(HttpResponse response, TimeSpan retryAfter) =>
        ErrorResponses.TooMany(response, retryAfter, "Too many wrong admin keys from your network; wait and try again.");

    public void Dispose() => _failures.Dispose();

    private TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _limits.AdminKeyFailureWindow;
}
