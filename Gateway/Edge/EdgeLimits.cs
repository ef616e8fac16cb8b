using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StoriBoard.Gateway.Api;

namespace StoriBoard.Gateway.Edge;

/// <summary>
/// ASP.NET Core's rate limiter on the anonymous ways in: new sessions, return keys and hub negotiations, per client address, each
/// answering 429 with Retry-After past its budget. Wrong admin keys are counted by <see cref="AdminKeyGuard"/>.
/// </summary>
public static class EdgeLimits
{
    public const string SessionsPolicy = "sessions";

    public const string ResumePolicy = "resume";

    public const string StaffSignInPolicy = "staff-sign-in";

    public static IServiceCollection AddStoriBoardLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<LimitsOptions>(configuration, LimitsOptions.Section);
        services.AddSingleton<AdminKeyGuard>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((o, options) =>
        {
            var limits = options.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SessionsPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(context), _ => Window(limits.SessionsPerWindow, limits.SessionWindow)));
            o.AddPolicy(ResumePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(context), _ => Window(limits.ResumesPerWindow, limits.ResumeWindow)));
            o.AddPolicy(StaffSignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.Of(context), _ => Window(limits.StaffSignInsPerWindow, limits.StaffSignInWindow)));

            // Negotiation only: the transport request that follows it is the same connection and is not counted twice.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsNegotiation(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress.Of(context), _ => Window(limits.NegotiationsPerWindow, limits.NegotiationWindow))
                : RateLimitPartition.GetNoLimiter(string.Empty));

            o.OnRejected = (rejected, _) => new ValueTask(ErrorResponses.TooMany(
                rejected.HttpContext.Response,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null,
                "Too many requests from your network just now; wait a little and try again."));
        });
        return services;
    }

    public static bool IsNegotiation(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.StartsWithSegments("/hubs")
        && request.Path.Value!.EndsWith("/negotiate", StringComparison.Ordinal);

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
