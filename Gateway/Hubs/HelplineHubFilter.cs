using Microsoft.AspNetCore.SignalR;

namespace StoriBoard.Gateway.Hubs;

/// <summary>
/// Turns refusals into hub errors the client can read, "code: message": a refusal keeps its own code, a fault (cluster,
/// storage, timeout) is "unavailable" so the client repeats the call, and only a bug is the opaque "error".
/// </summary>
public sealed class HelplineHubFilter(ILogger<HelplineHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception exception) when (exception is not HubException)
        {
            throw Translate(exception, invocationContext.HubMethodName);
        }
    }

    /// <summary>A refusal or a fault while connecting closes the connection with the same readable reason.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (exception is not HubException)
        {
            throw Translate(exception, "OnConnected");
        }
    }

    public HubException Translate(Exception exception, string method)
    {
        if (Faults.InnerRefusal(exception) is { } refusal)
        {
            return ToHubError(refusal);
        }

        if (Faults.AsUnavailable(exception) is { } unavailable)
        {
            // A fault is expected now and then: a warning with its type, not the exception's whole story.
            logger.LogWarning("Hub method {Method} met a fault: {Fault}", method, exception.GetType().Name);
            return ToHubError(unavailable);
        }

        logger.LogError(exception, "Hub method {Method} failed", method);
        return new HubException("error: something went wrong on our side; please try again.");
    }

    public static HubException ToHubError(HelplineException refusal) => new($"{refusal.Code}: {refusal.Message}");
}
