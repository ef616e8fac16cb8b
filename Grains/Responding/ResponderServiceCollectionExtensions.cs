using Microsoft.Extensions.DependencyInjection;

namespace StoriBoard.Responding;

public static class ResponderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the content library (loaded from the content folder beside the binaries and validated when resolved, which the grains
    /// start-up check does as the host starts) and the responder, both singletons.
    /// </summary>
    public static IServiceCollection AddStoriBoardResponder(this IServiceCollection services)
    {
        services.AddSingleton(_ => ContentLibrary.Load(ContentLibrary.DefaultDirectory));
        services.AddSingleton<IResponder, Responder>();
        return services;
    }
}
