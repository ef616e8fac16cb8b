using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StoriBoard.Languages;

public static class LanguageServiceCollectionExtensions
{
    /// <summary>The served languages (checked as the host starts), the short answers for other languages and the detector.</summary>
    public static IServiceCollection AddStoriBoardLanguages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<LanguageOptions>(configuration, LanguageOptions.Section);
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<LanguageOptions>>().Value;
            return OtherLanguages.Load(settings.ContentRoot, settings.ServedCodes.ToArray());
        });
        services.AddSingleton<LanguageReader>();
        return services;
    }
}
