using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StoriBoard.Classification;
using StoriBoard.Responding;

namespace StoriBoard;

/// <summary>
/// Loads the models and the content library as the host starts and runs them once: a broken file stops the start
/// instead of failing the first person's message, and that person does not wait for loading either.
/// </summary>
internal sealed class StartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var analysis = services.GetRequiredService<IMessageClassifier>().Classify("hello, is anyone there?");
        services.GetRequiredService<IResponder>().Reply(new ReplyContext(
            string.Empty, analysis, analysis.Themes, [analysis.Risk.Level], analysis.Risk.Level, ConversationStatus.Ai, "GB", "en", 1, []));
        services.GetRequiredService<Languages.LanguageReader>().Read("hello, is anyone there?");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
