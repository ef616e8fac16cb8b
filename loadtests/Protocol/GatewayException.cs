using Microsoft.AspNetCore.SignalR;

namespace StoriBoard.LoadTests.Protocol;

/// <summary>An error the gateway answered with: its code is what the run counts, never the message text.</summary>
public sealed class GatewayException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The short code an error is counted under: the gateway's own code where it gave one.</summary>
    public static string CodeOf(Exception error) => error switch
    {
        GatewayException gateway => gateway.Code,
        // Hub errors arrive as "code: message", behind the server's "An unexpected error occurred invoking 'X' on the
        // server. HubException: " when the hub's own refusal is wrapped.
        HubException hub when Refusal(hub.Message) is var refusal && refusal.IndexOf(':') is > 0 and var colon => refusal[..colon].Trim(),
        HubException => "hub",
        OperationCanceledException => "timeout",
        HttpRequestException http when http.StatusCode is { } status => $"http-{(int)status}",
        HttpRequestException => "http",
        _ => error.GetType().Name,
    };

    private static string Refusal(string message)
    {
        const string Marker = "HubException: ";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        return at >= 0 ? message[(at + Marker.Length)..] : message;
    }
}
