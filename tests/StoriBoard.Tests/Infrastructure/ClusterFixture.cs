using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>An in-process Orleans test cluster running the real grains with in-memory storage and reminders.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>A service of the (in-process) silo, e.g. its transcript store, to set up what a crash would leave.</summary>
    public T SiloService<T>() where T : notnull =>
        ((InProcessSiloHandle)Cluster.Primary!).SiloHost!.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<HelplineSilo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>The real grains on in-memory storage and reminders, with offers and sweeps quick enough for tests.</summary>
    public static void HelplineGrains(ISiloBuilder silo, IReadOnlyDictionary<string, string?>? settings = null)
    {
        silo.AddMemoryGrainStorage(Storage.Name).AddMemoryGrainStorage(Storage.Staff).UseInMemoryReminderService();
        silo.Services.Configure<MatchingOptions>(o =>
        {
            o.OfferTimeout = TimeSpan.FromSeconds(2);
            o.SweepInterval = TimeSpan.FromMilliseconds(200);
        });
        silo.Services.AddStoriBoardGrains(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
    }

    private sealed class HelplineSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => HelplineGrains(silo);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}

/// <summary>Creating people on the test cluster the way the gateway does.</summary>
public static class People
{
    private static int _languages;

    /// <summary>
    /// A language no other test uses: its matchmaker shards, seekers and supporters are this test's alone. A counter, not
    /// random letters, so two tests can never draw the same one (each run of the suite has its own cluster).
    /// </summary>
    public static string NewLanguage() => $"test{Interlocked.Increment(ref _languages)}";

    /// <summary>A help-seeker. The language is required: a default one would put the test in shards other tests share.</summary>
    public static async Task<string> Seeker(IGrainFactory grains, string language, string region = "GB")
    {
        var id = Guid.NewGuid().ToString("N");
        await grains.GetGrain<IHelpSeekerGrain>(id).Create(new SessionPreferences(language, region));
        return id;
    }

    /// <summary>A registered supporter, online on a pretend gateway host.</summary>
    public static async Task<string> Supporter(
        IGrainFactory grains, string name, string language, string[]? lived = null, bool crisisTrained = false, int capacity = 2,
        Role role = Role.Supporter)
    {
        var id = Guid.NewGuid().ToString("N");
        var supporter = grains.GetGrain<ISupporterGrain>(id);
        await supporter.Register(new SupporterProfile(name, lived ?? [], [language], crisisTrained, capacity, role));
        await supporter.Connected("test-host");
        await supporter.SetAvailability(Presence.Online);
        return id;
    }

    public static async Task<OfferView> OfferFor(IGrainFactory grains, string supporterId, string conversationId)
    {
        OfferView? offer = null;
        await Eventually.True(async () =>
        {
            offer = (await grains.GetGrain<ISupporterGrain>(supporterId).OpenOffers())
                .FirstOrDefault(o => o.ConversationId == conversationId);
            return offer is not null;
        }, $"an offer of {conversationId} to {supporterId}");
        return offer!;
    }
}
