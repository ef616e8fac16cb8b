using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StoriBoard;

/// <summary>A settings class that can say what is wrong with its values: one sentence a problem, naming the setting.</summary>
public interface ISettings
{
    IEnumerable<string> Problems();
}

public static class Settings
{
    /// <summary>Binds a section and checks it when the host starts: a value out of range stops the start, named.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, ISettings
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, ProblemsValidator<T>>());
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }

    /// <summary>A setting as an operator sets it: "StoriBoard:Matching" and "Shards" make "StoriBoard__Matching__Shards".</summary>
    public static string Name(string section, string key) => $"{section.Replace(":", "__")}__{key}";

    /// <summary>The same check, for settings read while the host is being built.</summary>
    public static T Checked<T>(T settings, string section) where T : class, ISettings =>
        settings.Problems().ToList() is { Count: > 0 } problems ? throw new OptionsValidationException(section, typeof(T), problems) : settings;

    private sealed class ProblemsValidator<T> : IValidateOptions<T> where T : class, ISettings
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
