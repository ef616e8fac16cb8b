using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StoriBoard.Continuity;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// Patterns over time through the real grains, on a cluster whose clock the test moves on a day at a time (timers and
/// reminders still run in real time): moods falling over three days' check-ins offer a peer before the person asks,
/// and the supporter who takes that chat reads the pattern on its hand-off card.
/// </summary>
[Trait("Tier", "Cluster")]
public sealed class PatternGrainTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private readonly DaysLaterClock _clock = new();
    private TestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<Silo>();
        builder.Properties[nameof(DaysLaterClock)] = _clock.Id;
        _cluster = builder.Build();
        DaysLaterClock.Clocks[_clock.Id] = _clock;
        await _cluster.DeployAsync();
        await KeepTestHostAlive();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        DaysLaterClock.Clocks.TryRemove(_clock.Id, out _);
    }

    [Fact]
    public async Task Moods_falling_over_days_offer_a_peer_and_the_third_chat_of_the_week_shows_it_on_the_hand_off_card()
    {
        var language = People.NewLanguage();
        var seekerId = await People.Seeker(Grains, language);
        var seeker = Participant.Seeker(seekerId);
        var checkIns = Grains.GetGrain<ICheckInGrain>(seekerId);

        // The first conversation of the week: a chat with the AI that the person ends.
        var first = (await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation()).ConversationId;
        await Grains.GetGrain<IConversationGrain>(first).Send(seeker, "c1", "I lost my job last month and I can't sleep");
        await Grains.GetGrain<IConversationGrain>(first).End(seeker, rating: 4, note: null);

        // Day one: a good mood, with words, which open the second conversation; no peer is offered.
        var good = await CheckIn(checkIns, 5, "Slept a bit better last night.");
        Assert.False(good.PeerOffered);
        Assert.False(good.MoodFalling);
        Assert.NotNull(good.ConversationId);

        // Day two: one point lower is an ordinary day, not a trend.
        await DaysLater(1);
        var lower = await CheckIn(checkIns, 4, text: null);
        Assert.Equal((false, false, null), (lower.PeerOffered, lower.MoodFalling, lower.ConversationId));

        // Day three: 3 is not a low mood, but 5, 4, 3 is a fall: a peer is sought before the person asks.
        await DaysLater(1);
        var falling = await CheckIn(checkIns, 3, text: null);
        Assert.True(falling.MoodFalling);
        Assert.True(falling.PeerOffered);
        var third = Grains.GetGrain<IConversationGrain>(falling.ConversationId!);
        Assert.Equal(ConversationStatus.Waiting, (await third.View(seeker)).Status);

        // The supporter who comes online reads the pattern on the offer's card, and on the chat's once they take it.
        var jakeId = await People.Supporter(Grains, "Jake", language);
        var offer = await People.OfferFor(Grains, jakeId, falling.ConversationId!);
        var moods = await checkIns.Moods();
        Assert.Equal([5, 4, 3], moods.Select(m => m.Mood));
        var since = TimeZoneInfo.ConvertTime(moods[0].At, London).DayOfWeek;
        var overTime = $"Third conversation in the last 7 days; mood at check-ins falling since {since} (from 5 to 3).";
        Assert.Equal(overTime, offer.Handoff!.Summary.Split('\n')[^1]);
        Assert.Equal(Trend.Falling, offer.Handoff.Pattern!.MoodTrend);
        Assert.Equal(3, offer.Handoff.Pattern.ConversationsThisWeek);
        Assert.Equal("Europe/London", offer.Handoff.Pattern.TimeZone);

        var taken = await Grains.GetGrain<ISupporterGrain>(jakeId).Accept(offer.OfferId);
        Assert.EndsWith(overTime, taken.Handoff!.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_earlier_red_flag_is_on_the_card_of_a_later_chat_and_erasing_the_person_forgets_it()
    {
        var language = People.NewLanguage();
        var seekerId = await People.Seeker(Grains, language);
        var seeker = Participant.Seeker(seekerId);
        var person = Grains.GetGrain<IHelpSeekerGrain>(seekerId);
        var crisisId = await People.Supporter(Grains, "Sam", language, crisisTrained: true);

        // A crisis-trained supporter raises the risk of the first chat to high, then it ends.
        var first = Grains.GetGrain<IConversationGrain>((await person.StartConversation()).ConversationId);
        await first.Send(seeker, "c1", "Everything feels heavy tonight");
        await first.RequestPeer(seeker);
        var offered = await People.OfferFor(Grains, crisisId, first.GetPrimaryKeyString());
        await Grains.GetGrain<ISupporterGrain>(crisisId).Accept(offered.OfferId);
        await first.SetRisk(Participant.Supporter(crisisId), RiskLevel.High, "They told me of a plan to end their life.");
        await first.End(Participant.Supporter(crisisId), rating: null, note: null);

        await DaysLater(12);
        var later = (await person.StartConversation()).ConversationId;
        await Grains.GetGrain<IConversationGrain>(later).RequestPeer(seeker);
        var card = (await People.OfferFor(Grains, crisisId, later)).Handoff!;
        Assert.Equal("A red flag in an earlier conversation (12 days ago).", card.Summary.Split('\n')[^1]);

        await person.Erase();
        await Grains.GetGrain<IHelpSeekerGrain>(seekerId).Create(new SessionPreferences(language, "GB"));
        var afresh = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var view = await Grains.GetGrain<IConversationGrain>(afresh.ConversationId).RequestPeer(seeker);
        Assert.Equal(ConversationStatus.Waiting, view.Status);
        var fresh = (await People.OfferFor(Grains, crisisId, afresh.ConversationId)).Handoff!;
        Assert.Equal(2, fresh.Summary.Split('\n').Length);
        Assert.Equal((1, null, null), (fresh.Pattern!.ConversationsThisWeek, fresh.Pattern.MoodTrend, fresh.Pattern.EarlierRedFlagAt));
    }

    /// <summary>
    /// Moves the clock on. The pretend host the supporters are connected on checks in again at once, so a jump of days
    /// does not look like a host that died.
    /// </summary>
    private async Task DaysLater(int days)
    {
        _clock.Days += days;
        await KeepTestHostAlive();
    }

    private Task KeepTestHostAlive() => Grains.GetGrain<IHostRollGrain>(0).CheckIn("test-host", silo: null);

    private static async Task<CheckInAnswered> CheckIn(ICheckInGrain checkIns, int mood, string? text)
    {
        await checkIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        CheckInView? pending = null;
        await Eventually.True(async () => (pending = await checkIns.Pending()) is not null, "the check-in");
        return await checkIns.Answer(pending!.CheckInId, mood, [], text);
    }

    /// <summary>The real clock, some whole days later: what the test moves; timers still wait in real time.</summary>
    private sealed class DaysLaterClock : TimeProvider
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DaysLaterClock> Clocks = new();

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public int Days { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddDays(Days);
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var clockId = silo.Configuration[nameof(DaysLaterClock)]!;
            silo.AddMemoryGrainStorage(Storage.Name).AddMemoryGrainStorage(Storage.Staff).UseInMemoryReminderService();
            silo.Services.AddSingleton<TimeProvider>(_ => DaysLaterClock.Clocks[clockId]);
            silo.Services.Configure<MatchingOptions>(o =>
            {
                o.OfferTimeout = TimeSpan.FromSeconds(5);
                o.SweepInterval = TimeSpan.FromMilliseconds(200);
            });
            silo.Services.AddStoriBoardGrains(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{CheckInOptions.Section}:{nameof(CheckInOptions.Delay)}"] = "00:00:01",
                [$"{CheckInOptions.Section}:{nameof(CheckInOptions.RetryPeriod)}"] = "00:00:02",
            }).Build());
        }
    }
}
