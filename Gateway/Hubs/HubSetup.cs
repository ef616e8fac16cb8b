using Microsoft.AspNetCore.SignalR;
using System.Text.Json;
using System.Text.Json.Serialization;
using StoriBoard.Gateway.Delivery;

namespace StoriBoard.Gateway.Hubs;

public static class HubSetup
{
    /// <summary>Enums travel as the lower-case ids of PROTOCOL.md ("ai", "high", "online").</summary>
    public static void UseProtocolJson(JsonSerializerOptions json) =>
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));

    public static IServiceCollection AddStoriBoardHubs(this IServiceCollection services, IConfiguration configuration)
    {
        // The hubs check message lengths and notes at the edge; bound here too for a gateway that hosts no silo.
        services.AddSettings<ConversationOptions>(configuration, ConversationOptions.Section);
        services.AddSettings<DeliveryOptions>(configuration, DeliveryOptions.Section);
        services.AddSettings<Continuity.CheckInOptions>(configuration, Continuity.CheckInOptions.Section);
        services.AddSignalR(o => o.AddFilter<HelplineHubFilter>())
            .AddJsonProtocol(o => UseProtocolJson(o.PayloadSerializerOptions));
        services.AddSingleton<HelplineHubFilter>();
        services.AddSingleton<UserConnections>();
        services.AddSingleton<HostEvents>();
        services.AddSingleton<HostConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<HostConnections>());
        return services;
    }

    public static WebApplication MapStoriBoardHubs(this WebApplication app)
    {
        app.MapHub<SeekerHub>("/hubs/seeker");
        app.MapHub<SupporterHub>("/hubs/supporter");
        return app;
    }
}
