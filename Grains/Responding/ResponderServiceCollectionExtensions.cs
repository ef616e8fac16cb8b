using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StoriBoard.Responding;

public static class ResponderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the content library (loaded from the content folder beside the binaries and validated when resolved, which a
    /// start-up check does as the host starts) and the responder, both singletons.
    /// </summary>
    public static IServiceCollection AddStoriBoardResponder(this IServiceCollection services)
    {
        services.AddSingleton(_ => ContentLibrary.Load(ContentLibrary.DefaultDirectory));
        services.AddSingleton<IResponder, Responder>();
        services.AddHostedService<ContentLibraryStartupCheck>();
        return services;
    }

    /// <summary>Loads the library as the host starts, so a broken library stops the start instead of failing the first person's message.</summary>
    private sealed class ContentLibraryStartupCheck(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<ContentLibrary>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
