using Microsoft.Extensions.Options;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;

namespace StoriBoard.Gateway.Api;

/// <summary>Coming back as the same anonymous person with a return key, and what the page says about keeping data.</summary>
public static class ReturnKeyEndpoints
{
    public static RouteGroupBuilder MapReturnKeys(this RouteGroupBuilder api)
    {
        api.MapPost("/sessions/resume", Resume).RequireRateLimiting(EdgeLimits.ResumePolicy);
        api.MapGet("/privacy", Privacy);
        return api;
    }

    /// <summary>A new token for the person the key belongs to. The key is never logged, and a wrong one is refused in the same words whether or not its record exists.</summary>
    private static async Task<IResult> Resume(ResumeRequest? request, IGrainFactory grains, TokenIssuer tokens)
    {
        var words = RequestValidation.ReturnKey(request, ReturnKeyWords.Default);
        var seekerId = await grains.GetGrain<IReturnKeyLookupGrain>(ReturnKeyPhrase.LookupId(words)).Find(ReturnKeyPhrase.Join(words));
        return Results.Ok(new SessionCreated(seekerId, tokens.Issue(seekerId, Role.Seeker)));
    }

    private static IResult Privacy(IOptions<ConversationOptions> conversations) =>
        Results.Ok(new PrivacyTerms((long)Math.Ceiling(conversations.Value.TranscriptRetention.TotalSeconds)));
}
