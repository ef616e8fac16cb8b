using Microsoft.AspNetCore.SignalR;

namespace StoriBoard.Gateway.Hubs;

/// <summary>Turns refusals into hub errors the client can read, "code: message"; other failures stay opaque.</summary>
public sealed class HelplineHubFilter(ILogger<HelplineHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HelplineException refusal)
        {
            throw new HubException($"{refusal.Code}: {refusal.Message}");
        }
        catch (Exception exception) when (exception is not HubException)
        {
            logger.LogError(exception, "Hub method {Method} failed", invocationContext.HubMethodName);
            throw new HubException("error: something went wrong on our side; please try again.");
        }
    }
}
