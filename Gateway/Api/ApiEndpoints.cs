using System.Security.Claims;
using Microsoft.Extensions.Options;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
using StoriBoard.Gateway.Reports;

namespace StoriBoard.Gateway.Api;

/// <summary>The HTTP API of PROTOCOL.md.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapStoriBoardApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(GuardAdminKey).AddEndpointFilter(AnswerRefusals);
        api.MapPost("/sessions", CreateSession).RequireRateLimiting(EdgeLimits.SessionsPolicy);
        api.MapPost("/supporters", CreateSupporter);
        api.MapPost("/classify", Classify);
        api.MapDelete("/me", EraseMe).RequireAuthorization(Policies.Seeker);
        api.MapPost("/me/quick-exit", QuickExit).RequireAuthorization(Policies.Seeker);
        api.MapPushApi();
        api.MapReturnKeys();
        api.MapPasskeys();
        api.MapStaff();
        api.MapReports();
        return app;
    }

    /// <summary>Wrong admin keys are counted per address and slowed; past the budget the address is refused with 429.</summary>
    private static async ValueTask<object?> GuardAdminKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await http.RequestServices.GetRequiredService<AdminKeyGuard>().Admit(http) is { } retryAfter)
        {
            return new TooManyAdminKeyAttempts(retryAfter);
        }

        return await next(context);
    }

    private sealed class TooManyAdminKeyAttempts(TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => AdminKeyGuard.TooMany(httpContext.Response, retryAfter);
    }

    /// <summary>
    /// A refusal is an answer, not a failure: the client gets its code and message, and nothing is logged. A fault
    /// (cluster, storage, timeout) answers 503 "unavailable" with Retry-After; only a bug reaches the generic error.
    /// </summary>
    private static async ValueTask<object?> AnswerRefusals(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception failure) when (Faults.InnerRefusal(failure) is { } refusal)
        {
            if (refusal.Code == ErrorCodes.Unavailable)
            {
                return ErrorResponses.UnavailableResult();
            }

            return Results.Json(new ErrorBody(refusal.Code, refusal.Message), statusCode: refusal.StatusCode);
        }
        catch (Exception failure) when (Faults.IsFault(failure))
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiEndpoints))
                .LogWarning("{Path} met a fault: {Fault}", context.HttpContext.Request.Path.Value, failure.GetType().Name);
            return ErrorResponses.UnavailableResult();
        }
    }

    private static async Task<IResult> CreateSession(SessionRequest? request, IGrainFactory grains, TokenIssuer tokens)
    {
        var preferences = RequestValidation.Preferences(request);
        var userId = NewId();
        await grains.GetGrain<IHelpSeekerGrain>(userId).Create(preferences);
        return Results.Created((string?)null, new SessionCreated(userId, tokens.Issue(userId, Role.Seeker)));
    }

    private static async Task<IResult> CreateSupporter(
        SupporterRequest? request, HttpRequest http, AdminKey adminKey, IGrainFactory grains, TokenIssuer tokens)
    {
        adminKey.Require(http);
        var profile = RequestValidation.Profile(request);
        var supporterId = NewId();
        await grains.GetGrain<ISupporterGrain>(supporterId).Register(profile);
        return Results.Created((string?)null, new SupporterCreated(supporterId, tokens.Issue(supporterId, profile.Role)));
    }

    private static async Task<IResult> Classify(
        ClassifyRequest? request, HttpContext http, AdminKey adminKey, IGrainFactory grains,
        IOptions<ConversationOptions> limits)
    {
        if (!adminKey.Matches(http.Request) && !IsStaff(http.User))
        {
            throw new HelplineException(
                http.User.Identity?.IsAuthenticated == true ? ErrorCodes.Forbidden : ErrorCodes.Unauthorized,
                "Classification is for supporters, supervisors and admins.");
        }

        var text = RequestValidation.Text(request, limits.Value.MaxMessageLength);
        var analysis = await grains.GetGrain<IClassifierGrain>(0).Classify(text);
        return Results.Ok(new ClassifyResponse(
            analysis.Themes,
            new RiskView(analysis.Risk.Level, analysis.Risk.Score, analysis.Risk.Scores),
            analysis.RedFlag,
            analysis.Signals,
            analysis.Kind));
    }

    /// <summary>Everything about the person is erased, then their token revoked.</summary>
    private static Task<IResult> EraseMe(ClaimsPrincipal user, IGrainFactory grains, TokenRevocations revocations) =>
        ThenRevoke(user, grains, revocations, seeker => seeker.Erase());

    /// <summary>
    /// The page has already gone when this arrives (sent with keepalive): every open conversation ends, so no supporter
    /// accepts a chat with nobody in it, and the token is revoked, since the page has forgotten it.
    /// </summary>
    private static Task<IResult> QuickExit(ClaimsPrincipal user, IGrainFactory grains, TokenRevocations revocations) =>
        ThenRevoke(user, grains, revocations, seeker => seeker.QuickExit());

    /// <summary>
    /// Acts first, then revokes: a fault between the two leaves a token that still works, so the person can repeat the
    /// call, which then finds nothing left to do and revokes. Revoking first could strand data behind a dead token.
    /// </summary>
    private static async Task<IResult> ThenRevoke(
        ClaimsPrincipal user, IGrainFactory grains, TokenRevocations revocations, Func<IHelpSeekerGrain, Task> act)
    {
        var seekerId = user.FindFirstValue("sub")!;
        try
        {
            await act(grains.GetGrain<IHelpSeekerGrain>(seekerId));
        }
        catch (HelplineException refusal) when (refusal.Code == ErrorCodes.NotFound)
        {
            // Already gone (erased by an earlier attempt, or an unused session that expired): revoke all the same.
        }

        await revocations.Revoke(seekerId);
        return Results.NoContent();
    }

    private static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Supporter) || user.IsInRole(Roles.Supervisor);

    private static string NewId() => Guid.NewGuid().ToString("N");
}
