using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace StoriBoard.LoadTests.Protocol;

/// <summary>Builds the real SignalR .NET client connections the simulated people use.</summary>
public static class Hubs
{
    public const string SeekerPath = "/hubs/seeker";
    public const string SupporterPath = "/hubs/supporter";

    /// <summary>
    /// WebSockets only and no negotiate round trip: what a browser on a good network does, and it keeps
    /// ten thousand connections from costing twenty thousand requests.
    /// </summary>
    public static HubConnection Build(Uri baseUrl, string path, string? token, Action<HubConnection>? onReconnecting = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)])
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        if (onReconnecting is not null)
        {
            connection.Reconnecting += _ =>
            {
                onReconnecting(connection);
                return Task.CompletedTask;
            };
        }

        return connection;
    }
}
