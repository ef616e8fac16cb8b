using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StoriBoard.Reports;

public static class FigureServices
{
    /// <summary>The recorder and its settings, with the figures in memory unless the host registered a store first.</summary>
    public static IServiceCollection AddStoriBoardFigures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ReportOptions>(configuration, ReportOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFigureStore, InMemoryFigureStore>();
        services.TryAddSingleton<NightFigures>();
        return services;
    }
}
