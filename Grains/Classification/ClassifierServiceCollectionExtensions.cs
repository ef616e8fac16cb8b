using Microsoft.Extensions.DependencyInjection;

namespace StoriBoard.Classification;

public static class ClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMessageClassifier"/> as a singleton over the models shipped in the application's
    /// <c>models</c> folder, with the French reading beside them. The models load when the classifier is first resolved;
    /// missing or broken files stop it there.
    /// </summary>
    public static IServiceCollection AddStoriBoardClassifier(this IServiceCollection services)
    {
        services.AddSingleton<IMessageClassifier>(_ => new MultilingualClassifier(
            new MlMessageClassifier(MlMessageClassifier.DefaultModelDirectory, SafetyLexicon.Default)));
        return services;
    }
}
