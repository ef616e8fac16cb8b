using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StoriBoard.Continuity;

public static class WebPushServices
{
    /// <summary>The Web Push settings, checked at start, and one sender per silo.</summary>
    public static IServiceCollection AddStoriBoardWebPush(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<WebPushOptions>(configuration, WebPushOptions.Section);
        services.AddSingleton<PushSender>();
        return services;
    }
}
