using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StoriBoard.Classification;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Matching;

/// <summary>
/// Two silos with the grains, in-memory storage and reminders; matchmakers in four shards per language offering the
/// best two supporters at once; and a classifier that reads a few plain words, so tests can speak themes and risk.
/// </summary>
public sealed class MatchingCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2).AddSiloBuilderConfigurator<Silo>().Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A supporter registered, connected and online, speaking only the test's own language.</summary>
    public async Task<ISupporterGrain> Supporter(
        string language, string name, string[] livedExperience, bool crisisTrained = false, int capacity = 3)
    {
        var supporter = Grains.GetGrain<ISupporterGrain>($"{language}-{name}");
        await supporter.Register(new SupporterProfile(name, livedExperience, [language], crisisTrained, capacity, Role.Supporter));
        await supporter.Connected("test-host");
        await supporter.SetAvailability(Presence.Online);
        return supporter;
    }

    /// <summary>A help-seeker with one open conversation.</summary>
    public async Task<(string SeekerId, IConversationGrain Conversation)> Seeker(string language)
    {
        var seekerId = Guid.NewGuid().ToString("N");
        var seeker = Grains.GetGrain<IHelpSeekerGrain>(seekerId);
        await seeker.Create(new SessionPreferences(language, "GB"));
        var view = await seeker.StartConversation();
        return (seekerId, Grains.GetGrain<IConversationGrain>(view.ConversationId));
    }

    /// <summary>Each test speaks its own language, so its supporters meet only its seekers (and its supporter ids are unique).</summary>
    public static string Language() => People.NewLanguage();

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StoriBoard:Matching:Shards"] = "4",
                ["StoriBoard:Matching:OffersAtOnce"] = "2",
            }).Build();
            siloBuilder.Services.AddStoriBoardGrains(configuration);

            // Registered last, so it is the classifier the grains get.
            siloBuilder.Services.AddSingleton<IMessageClassifier, PlainWordsClassifier>();
            siloBuilder.AddMemoryGrainStorage(Storage.Name).AddMemoryGrainStorage(Storage.Staff).UseInMemoryReminderService();
        }
    }

    private sealed class PlainWordsClassifier : IMessageClassifier
    {
        public MessageAnalysis Classify(string text)
        {
            var themes = new List<ThemeScore>();
            Add("job", Themes.Work, 0.9);
            Add("breakup", Themes.Relationship, 0.8);
            Add("alone", Themes.Loneliness, 0.7);
            var risk = text.Contains("tablets", StringComparison.OrdinalIgnoreCase) ? RiskLevel.Imminent : RiskLevel.Low;
            return new MessageAnalysis([.. themes], new RiskAssessment(risk, 0.9, []), risk.IsRedFlag(), []);

            void Add(string word, string theme, double score)
            {
                if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
                {
                    themes.Add(new ThemeScore(theme, score));
                }
            }
        }
    }
}
