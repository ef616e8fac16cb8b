using Microsoft.Extensions.DependencyInjection;
using StoriBoard.Conversations;

namespace StoriBoard.Responding;

public static class ResponderServiceCollectionExtensions
{
    /// <summary>
    /// Registers the content library (loaded from the content folder beside the binaries and validated when resolved, which the grains
    /// start-up check does as the host starts), the responder and the hand-off writer, all singletons.
    /// </summary>
    public static IServiceCollection AddStoriBoardResponder(this IServiceCollection services)
    {
        services.AddSingleton(_ => ContentLibrary.Load(ContentLibrary.DefaultDirectory));
        services.AddSingleton<IResponder, Languages.LanguageResponder>();
        services.AddSingleton<HandoffWriter>();
        return services;
    }
}
