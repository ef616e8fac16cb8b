using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime.Placement;
using StackExchange.Redis;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.FaultSuite;

/// <summary>
/// A small helpline on real processes for the fault suite: its own Redis, two co-hosted gateways (A and B), optionally a
/// grains-only silo, and four peer chats that send numbered messages, half their people on each gateway.
/// </summary>
public sealed class FaultScene : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<(FaultClient From, FaultClient To, string ConversationId)> _directions = [];
    private readonly List<(FaultClient From, MessageView Message, TimeSpan AckedAt)> _acked = [];
    private readonly CancellationTokenSource _stopTraffic = new();
    private Task _traffic = Task.CompletedTask;
    private readonly HostSettings? _siloSettings;
    private IHost? _orleansClient;

    private FaultScene(RedisServer redis, HostSettings settings, GatewayProcess a, GatewayProcess b, (Process Process, HostSettings Settings)? silo)
    {
        (Redis, Settings, A, B, Silo, _siloSettings) = (redis, settings, a, b, silo?.Process, silo?.Settings);
    }

    public RedisServer Redis { get; }

    public HostSettings Settings { get; }

    public GatewayProcess A { get; private set; }

    public GatewayProcess B { get; private set; }

    public Process? Silo { get; }

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Where a client on A goes when A dies, and the other way round.</summary>
    public Uri[] FromA => [A.Url, B.Url];

    public Uri[] FromB => [B.Url, A.Url];

    public List<(string ConversationId, FaultClient Seeker, FaultClient Supporter)> Chats { get; } = [];

    public static async Task<FaultScene> Start(bool withSilo)
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        var settings = new HostSettings { Redis = redis.ConnectionString };
        var a = await GatewayProcess.Start(settings);
        var b = await GatewayProcess.Start(settings.Another());
        var siloSettings = settings.Another();
        var silo = withSilo ? (GatewayProcess.StartSilo(siloSettings), siloSettings) : ((Process, HostSettings)?)null;
        var scene = new FaultScene(redis, settings, a, b, silo);
        await ActiveSilos(redis, withSilo ? 3 : 2);
        return scene;
    }

    /// <summary>Both gateways crash at once (kill -9) and start again on the same addresses, as after a power cut.</summary>
    public async Task CrashAndRestartEverything()
    {
        A.Kill();
        B.Kill();
        var restarted = await Task.WhenAll(GatewayProcess.Start(A.Settings), GatewayProcess.Start(B.Settings));
        (A, B) = (restarted[0], restarted[1]);
    }

    public T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async Task<FaultClient> Seeker(Uri[] gateways, string name) => Own(await FaultClient.Seeker(gateways, Clock, name));

    /// <param name="inboxOnTheSilo">
    /// Starts the supporter's screens' inbox on the grains-only silo before they sign in, so that killing the silo takes
    /// it away for certain rather than when placement happens to put it there.
    /// </param>
    public async Task<FaultClient> Supporter(
        Uri[] gateways, string name, bool crisisTrained = false, int capacity = 2, string role = "supporter", bool online = true,
        bool inboxOnTheSilo = false)
    {
        var created = await SupporterClient.Register(A.Url, A.AdminKey, name, [], crisisTrained, capacity, role);
        if (inboxOnTheSilo)
        {
            await StartInboxOnTheSilo(created.SupporterId);
        }

        return Own(await FaultClient.Supporter(gateways, Clock, created, online));
    }

    /// <summary>
    /// Activates a supporter's inbox on the grains-only silo with one harmless call carrying a placement hint, through an
    /// Orleans client of the scene's cluster, and checks that it is there.
    /// </summary>
    private async Task StartInboxOnTheSilo(string supporterId)
    {
        var client = (_orleansClient ??= await ClusterClients.Start(Settings, Redis)).Services.GetRequiredService<IClusterClient>();
        var management = client.GetGrain<IManagementGrain>(0);
        var silo = (await management.GetHosts(onlyActive: true)).Keys.Single(address => address.Endpoint.Port == _siloSettings!.SiloPort);
        var inbox = client.GetGrain<IInboxGrain>(Participant.Supporter(supporterId).InboxKey);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await inbox.Detach("placement");
        }
        finally
        {
            RequestContext.Clear();
        }

        var there = await management.GetDetailedGrainStatistics(hostsIds: [silo]);
        if (!there.Any(activation => activation.GrainId == inbox.GetGrainId()))
        {
            throw new InvalidOperationException("The inbox did not start on the grains-only silo.");
        }
    }

    /// <summary>Four peer chats: two seekers on A with a supporter on B, two seekers on B with a supporter on A.</summary>
    public async Task StartChats()
    {
        foreach (var (seekerSide, supporterSide) in new[] { (FromA, FromB), (FromB, FromA) })
        {
            var supporter = await Supporter(supporterSide, $"Peer on {supporterSide[0].Port}");
            for (var i = 0; i < 2; i++)
            {
                var seeker = await Seeker(seekerSide, $"Chat seeker {Chats.Count}");
                var conversation = await seeker.Call<ConversationView>("StartConversation");
                var id = conversation.ConversationId;
                await seeker.Send(id, "I could really use someone to talk to");
                await seeker.Call<ConversationView>("RequestPeer", id);
                var offer = await OfferOf(supporter, id);
                await supporter.Call<ConversationView>("Accept", offer.OfferId);
                seeker.Follow(id);
                supporter.Follow(id);
                Chats.Add((id, seeker, supporter));
                _directions.Add((seeker, supporter, id));
                _directions.Add((supporter, seeker, id));
            }
        }
    }

    public static async Task<OfferView> OfferOf(FaultClient supporter, string conversationId, TimeSpan? timeout = null)
    {
        await Eventually.True(
            () => supporter.Offers.Any(o => o.Offer.ConversationId == conversationId), $"an offer of {conversationId}", timeout ?? TimeSpan.FromSeconds(60));
        return supporter.Offers.First(o => o.Offer.ConversationId == conversationId).Offer;
    }

    /// <summary>Starts the chats' numbered messages, and lets them run a few seconds before the fault.</summary>
    public async Task StartTraffic()
    {
        _traffic = Traffic(_stopTraffic.Token);
        await Task.Delay(TimeSpan.FromSeconds(4));
    }

    /// <summary>
    /// Lets the chats run on for <paramref name="runOn"/>, stops them, gives the last pushes time to land, and says what
    /// the fault at <paramref name="fault"/> did to them.
    /// </summary>
    public async Task<ChatOutcome> StopTraffic(TimeSpan fault, TimeSpan runOn)
    {
        await Task.Delay(runOn);
        await _stopTraffic.CancelAsync();
        await _traffic;
        await Task.Delay(TimeSpan.FromSeconds(3));
        return await Outcome(fault);
    }

    /// <summary>
    /// Both sides of every chat send a numbered message in turn until stopped: 350 ms apart, so each person sends about
    /// 14 in 10 s, under the flood limit of 20 that an honest client must never meet. The words read as calm: a red flag
    /// would hand the chat over and change what this suite measures, and a message of a few words can read as one
    /// ("numbered message 17" did, for most numbers, before the risk model learnt to see short messages).
    /// </summary>
    private Task Traffic(CancellationToken stop) => Task.WhenAll(Chats.Select(async chat =>
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var from = n % 2 == 0 ? chat.Seeker : chat.Supporter;
            var stored = await from.Send(chat.ConversationId, $"chat line {n}: thanks for listening");
            lock (_acked)
            {
                _acked.Add((from, stored, Clock.Elapsed));
            }

            await Task.Delay(350, CancellationToken.None);
        }
    }));

    /// <summary>
    /// What the fault did to the chats, from <paramref name="fault"/>: how long until each receiving side had a message
    /// sent after it, by push; what was acknowledged but never stored, stored twice, or never reached the other side.
    /// </summary>
    private async Task<ChatOutcome> Outcome(TimeSpan fault)
    {
        List<(FaultClient From, MessageView Message, TimeSpan AckedAt)> acked;
        lock (_acked)
        {
            acked = [.. _acked];
        }

        var resumes = new List<TimeSpan>();
        var missing = 0;
        foreach (var (from, to, conversationId) in _directions)
        {
            var sent = acked.Where(a => a.From == from && a.Message.ConversationId == conversationId).ToList();
            missing += sent.Count(a => !to.Seen.ContainsKey(a.Message.MessageId));
            var pushedAfter = sent
                .Where(a => a.AckedAt >= fault && to.Seen.TryGetValue(a.Message.MessageId, out var seen) && seen.Pushed)
                .Select(a => to.Seen[a.Message.MessageId].At - fault)
                .DefaultIfEmpty(TimeSpan.MaxValue)
                .Min();
            resumes.Add(pushedAfter);
        }

        var lost = 0;
        var doubled = 0;
        foreach (var (conversationId, seeker, _) in Chats)
        {
            var history = await seeker.Hub.InvokeAsync<MessageView[]>("History", conversationId, 0L);
            var stored = history.GroupBy(m => m.ClientMessageId).ToDictionary(g => g.Key ?? "", g => g.Count());
            foreach (var (_, message, _) in acked.Where(a => a.Message.ConversationId == conversationId))
            {
                var copies = stored.GetValueOrDefault(message.ClientMessageId ?? "");
                lost += copies == 0 ? 1 : 0;
                doubled += copies > 1 ? 1 : 0;
            }
        }

        var errors = _owned.OfType<FaultClient>()
            .SelectMany(c => c.Errors)
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new ChatOutcome(acked.Count, lost, doubled, missing, resumes, errors);
    }

    /// <summary>Waits until the membership table in Redis lists this many active silos, so grains are spread over all of them.</summary>
    public static async Task ActiveSilos(RedisServer store, int silos)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(store.ConnectionString);
        var server = redis.GetServers()[0];
        await Eventually.True(async () =>
        {
            var active = 0;
            await foreach (var key in server.KeysAsync(pattern: "*members*"))
            {
                if (await redis.GetDatabase().KeyTypeAsync(key) == RedisType.Hash)
                {
                    active += (await redis.GetDatabase().HashValuesAsync(key)).Count(v =>
                        v.ToString().Contains("\"Status\":3") || v.ToString().Contains("\"Status\":\"Active\""));
                }
            }

            return active >= silos;
        }, $"{silos} active silos in the membership table", TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopTraffic.CancelAsync();
        await _traffic.ContinueWith(_ => { });
        _stopTraffic.Dispose();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync().AsTask().ContinueWith(_ => { });
        }

        if (_orleansClient is not null)
        {
            await _orleansClient.StopAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
            _orleansClient.Dispose();
        }

        // Processes the suite killed are gone; the rest are ended the same way, since a cluster that lost a member
        // takes long to stop politely.
        A.Kill();
        B.Kill();
        if (Silo is { HasExited: false })
        {
            Silo.Kill(entireProcessTree: true);
        }

        await Redis.DisposeAsync();
    }
}

/// <summary>The chats' side of a fault: counts, and per receiving side the time until pushes came again.</summary>
public sealed record ChatOutcome(
    int Acknowledged, int Lost, int Doubled, int MissingAtReceiver, IReadOnlyList<TimeSpan> Resumes, IReadOnlyDictionary<string, int> Errors)
{
    public TimeSpan SlowestResume => Resumes.Max();

    public string Describe() =>
        $"{Acknowledged} messages acknowledged: {Lost} lost, {Doubled} stored twice, {MissingAtReceiver} never reached the other side; " +
        $"pushes resumed after {Seconds(Resumes.Min())}–{Seconds(SlowestResume)} s (median {Seconds(Resumes.Order().ElementAt(Resumes.Count / 2))} s); " +
        $"errors seen by clients: {(Errors.Count == 0 ? "none" : string.Join(", ", Errors.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}")))}";

    public static string Seconds(TimeSpan time) => time == TimeSpan.MaxValue ? "never" : time.TotalSeconds.ToString("0.0");
}
