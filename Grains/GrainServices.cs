using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StoriBoard.Classification;
using StoriBoard.Continuity;
using StoriBoard.Languages;
using StoriBoard.Conversations;
using StoriBoard.Matching;
using StoriBoard.Reports;
using StoriBoard.Responding;
using StoriBoard.Telemetry;
using StoriBoard.Transcripts;

namespace StoriBoard;

public static class GrainServices
{
    /// <summary>
    /// What the grains need in-process: options, the classifier and the turn reader, the responder, the match scorer and a transcript
    /// store (in memory unless the host registered another first).
    /// </summary>
    public static IServiceCollection AddStoriBoardGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<ConversationOptions>(configuration, ConversationOptions.Section);
        services.AddSettings<MatchingOptions>(configuration, MatchingOptions.Section);
        services.AddSettings<DeliveryOptions>(configuration, DeliveryOptions.Section);
        services.AddSettings<ReturnKeyOptions>(configuration, ReturnKeyOptions.Section);
        services.AddSettings<Continuity.PasskeyOptions>(configuration, Continuity.PasskeyOptions.Section);
        services.AddSettings<Continuity.CheckInOptions>(configuration, Continuity.CheckInOptions.Section);
        services.AddSettings<Staff.StaffOptions>(configuration, Staff.StaffOptions.Section);
        services.AddSettings<Floor.FloorOptions>(configuration, Floor.FloorOptions.Section);
        services.AddOptions<MatchScoringOptions>().Bind(configuration.GetSection(MatchScoringOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        // Waiting conversations put themselves back in the queue every few seconds (MatchingOptions.RequeueInterval).
        services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        services.TryAddSingleton<ITranscriptStore, InMemoryTranscriptStore>();
        services.AddStoriBoardFigures(configuration);
        services.TryAddSingleton<IMatchScorer, LivedExperienceScorer>();
        services.AddStoriBoardClassifier();
        services.AddSingleton<SeekerTurnReader>();
        services.AddMetrics();
        services.TryAddSingleton<HelplineMetrics>();
        services.AddStoriBoardLanguages(configuration);
        services.AddStoriBoardResponder();
        services.AddStoriBoardWebPush(configuration);
        services.AddHostedService<StartupCheck>();
        return services;
    }
}
