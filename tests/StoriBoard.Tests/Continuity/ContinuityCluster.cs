using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StoriBoard.Continuity;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// A test cluster of the real grains whose check-ins come a second after they are scheduled, as the
/// StoriBoard__CheckIns__Delay setting makes them in tests.
/// </summary>
public sealed class ContinuityClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan CheckInDelay = TimeSpan.FromSeconds(1);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    private readonly CancellationTokenSource _stopping = new();
    private Task _host = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<Silo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        _host = KeepTestHostAlive(_stopping.Token);
    }

    public async Task DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _host;
        await Cluster.DisposeAsync();
    }

    /// <summary>
    /// The pretend host the test supporters are connected on checks in with the roll like a gateway does, so they stay
    /// online however long the class runs.
    /// </summary>
    private async Task KeepTestHostAlive(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            await Grains.GetGrain<IHostRollGrain>(0).CheckIn("test-host", silo: null);
        }
        while (await timer.WaitForNextTickAsync(stopping).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result));
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => ClusterFixture.HelplineGrains(silo, new Dictionary<string, string?>
        {
            [$"{CheckInOptions.Section}:{nameof(CheckInOptions.Delay)}"] = CheckInDelay.ToString(),
            [$"{CheckInOptions.Section}:{nameof(CheckInOptions.RetryPeriod)}"] = "00:00:02",
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ContinuityCollection : ICollectionFixture<ContinuityClusterFixture>
{
    public const string Name = "continuity cluster";
}

/// <summary>Stands in for a gateway host attached to a person's inbox: collects what would be pushed to their page.</summary>
public sealed class PageInbox : IGatewayObserver
{
    public ConcurrentQueue<ClientEvent> Events { get; } = new();

    public Task Deliver(string inboxKey, ClientEvent clientEvent)
    {
        Events.Enqueue(clientEvent);
        return Task.CompletedTask;
    }

    public static async Task<PageInbox> Open(IGrainFactory grains, Participant participant)
    {
        var page = new PageInbox();
        var reference = grains.CreateObjectReference<IGatewayObserver>(page);
        await grains.GetGrain<IInboxGrain>(participant.InboxKey).Attach($"test-{Guid.NewGuid():N}", reference);
        return page;
    }

    public T[] Of<T>(string method) => Events.Where(e => e.Method == method).Select(e => (T)e.Payload).ToArray();
}

/// <summary>A person and a supporter in a peer chat on the cluster.</summary>
public sealed record PeerChat(IGrainFactory Grains, string SeekerId, string SupporterId, string ConversationId, string Language)
{
    public Participant Seeker => Participant.Seeker(SeekerId);

    public Participant Supporter => Participant.Supporter(SupporterId);

    public IPlanGrain Plan => Grains.GetGrain<IPlanGrain>(SeekerId);

    public ICheckInGrain CheckIns => Grains.GetGrain<ICheckInGrain>(SeekerId);

    public IConversationGrain Conversation => Grains.GetGrain<IConversationGrain>(ConversationId);

    public static async Task<PeerChat> Start(IGrainFactory grains, string name = "Jake")
    {
        var language = People.NewLanguage();
        var seekerId = await People.Seeker(grains, language);
        var supporterId = await People.Supporter(grains, name, language);
        var conversationId = (await grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation()).ConversationId;
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        await conversation.Send(Participant.Seeker(seekerId), "c1", "I lost my job last month and I can't sleep");
        await conversation.RequestPeer(Participant.Seeker(seekerId));
        var offer = await People.OfferFor(grains, supporterId, conversationId);
        await grains.GetGrain<ISupporterGrain>(supporterId).Accept(offer.OfferId);
        return new PeerChat(grains, seekerId, supporterId, conversationId, language);
    }

    /// <summary>A plan of one step the supporter proposed and the person accepted, which the person lets them follow.</summary>
    public async Task<PlanStepView> AgreeOneStep(bool consent = true)
    {
        var proposed = await Plan.Propose(Supporter, ConversationId, "message Dan from my old job about Thursday's meetup", "tomorrow morning");
        var step = proposed.Steps.Single();
        await Plan.Accept(Seeker, ConversationId, step.StepId);
        if (consent)
        {
            await Plan.Consent(true);
        }

        return step;
    }
}
