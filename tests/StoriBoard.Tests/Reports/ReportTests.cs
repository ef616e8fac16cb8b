using System.Net;
using System.Net.Http.Json;
using StackExchange.Redis;
using StoriBoard.Gateway.Api;
using StoriBoard.Reports;
using StoriBoard.Tests.Infrastructure;
using StoriBoard.Tests.Supervision;

namespace StoriBoard.Tests.Reports;

/// <summary>
/// The night's figures through a real gateway on Redis: a scripted night of known events, read back from
/// <c>GET /api/reports</c> and its CSV; a figure that outlives a restart; who may read them; bad input.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ReportTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    private readonly RedisServer _redis = redis;

    private const string Hello = "hi, is this anonymous?";
    private const string RedFlag = "I've already taken all my tablets";

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Reports__LongestRangeDays"] = "31",
    };

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    /// <summary>Today and tomorrow, so a night that crosses midnight while the test runs is still all in the range.</summary>
    private static string Range(string by = "day") => $"from={Today}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&by={by}";

    [Fact]
    public async Task A_scripted_night_is_counted_event_by_event_and_read_back_as_json_and_csv()
    {
        var supervisor = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Priya", [], crisisTrained: true, role: "supervisor");

        // Two people talk with the AI and end.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await using var seeker = await SeekerClient.Connect(Gateway.Url);
            var id = (await seeker.StartConversation()).ConversationId;
            await seeker.Send(id, Hello);
            await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's reply");
            await seeker.End(id, rating: null);
        }

        // With nobody online, one person asks for a peer and leaves while waiting; another raises a red flag and ends.
        await using (var waiting = await SeekerClient.Connect(Gateway.Url))
        {
            var id = (await waiting.StartConversation()).ConversationId;
            await waiting.Send(id, Hello);
            await waiting.RequestPeer(id);
            await waiting.End(id, rating: null);
        }

        await using (var unreached = await SeekerClient.Connect(Gateway.Url))
        {
            var id = (await unreached.StartConversation()).ConversationId;
            await unreached.Send(id, RedFlag);
            await unreached.Conversations.WaitFor(c => c.Risk.IsRedFlag(), "the red flag");
            await unreached.End(id, rating: null);
        }

        // Jake takes two chats; they rate 4 and 5.
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", ["work"], capacity: 3);
        foreach (var rating in new[] { 4, 5 })
        {
            await using var seeker = await SeekerClient.Connect(Gateway.Url);
            var id = (await seeker.StartConversation()).ConversationId;
            await seeker.Send(id, Hello);
            await seeker.RequestPeer(id);
            await jake.AcceptOfferOf(id);
            await seeker.End(id, rating);
        }

        // A third chat of Jake's becomes a red flag: Amara, crisis-trained, takes it over.
        await using var amara = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Amara", [], crisisTrained: true, capacity: 2);
        await using (var handedOver = await SeekerClient.Connect(Gateway.Url))
        {
            var id = (await handedOver.StartConversation()).ConversationId;
            await handedOver.Send(id, Hello);
            await handedOver.RequestPeer(id);
            await jake.AcceptOfferOf(id);
            await handedOver.Send(id, RedFlag);
            await amara.AcceptOfferOf(id);
            await amara.End(id, note: null);
        }

        await amara.SetAvailability("away");

        // Ben takes a chat (Jake rests after his red flag); Priya, the supervisor, takes it over.
        await using (var ben = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ben", ["work"], capacity: 1))
        await using (var priya = await SupporterClient.Connect(Gateway.Url, supervisor, online: false))
        await using (var steppedIn = await SeekerClient.Connect(Gateway.Url))
        {
            var id = (await steppedIn.StartConversation()).ConversationId;
            await steppedIn.Send(id, Hello);
            await steppedIn.RequestPeer(id);
            await ben.AcceptOfferOf(id);
            await priya.TakeOver(id);
            await steppedIn.End(id, rating: null);
        }

        // A red flag with the AI reaches Ruth, crisis-trained, from the queue.
        await using var ruth = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ruth", [], crisisTrained: true, capacity: 2);
        await using (var reached = await SeekerClient.Connect(Gateway.Url))
        {
            var id = (await reached.StartConversation()).ConversationId;
            await reached.Send(id, RedFlag);
            await ruth.AcceptOfferOf(id);
            await ruth.End(id, note: null);
        }

        await jake.SetAvailability("away");

        using var http = HttpClients.For(Gateway.Url, bearer: supervisor.Token);
        NightReport report = null!;
        await Eventually.True(async () =>
        {
            report = (await http.GetFromJsonAsync<NightReport>($"/api/reports?{Range()}", ProtocolJson.Options))!;
            return report.Total.Conversations == 9 && report.Total.Ratings == 2 && report.Total.RedFlagsReached == 2;
        }, "the night's figures to be counted");

        var total = report.Total;
        Assert.Equal(2, total.AiOnly);
        Assert.Equal(5, total.PeerChats);
        Assert.Equal(5, total.PeerWaits);
        Assert.Equal(2, total.Abandoned);
        Assert.Equal(3, total.RedFlags);
        Assert.Equal(2, total.RedFlagsReached);
        Assert.Equal(1, total.RedFlagsNeverReached);
        Assert.NotNull(total.CrisisWaitP50Seconds);
        Assert.True(total.CrisisWaitP90Seconds >= total.CrisisWaitP50Seconds);
        Assert.Equal(1, total.CrisisHandOvers);
        Assert.Equal(1, total.SupervisorTakeOvers);
        Assert.Equal(4.5, total.RatingMean);
        Assert.Equal([0L, 0L, 0L, 1L, 1L], total.RatingsByStars);
        Assert.True(total.AiReplies >= 6, $"{total.AiReplies} AI replies");
        Assert.True(total.AiReplyP90Seconds >= total.AiReplyP50Seconds);
        Assert.True(total.SupporterHours > 0 && total.ChatHours > 0 && total.Load > 0);
        Assert.Equal(ReportStep.Day, report.By);
        Assert.Equal(2, report.Rows.Length);
        Assert.Equal(9, report.Rows.Sum(r => r.Conversations));

        var hourly = (await http.GetFromJsonAsync<NightReport>($"/api/reports?{Range("hour")}", ProtocolJson.Options))!;
        Assert.Equal(48, hourly.Rows.Length);
        Assert.Equal(9, hourly.Rows.Sum(r => r.Conversations));
        Assert.Equal(total.PeerWaitP50Seconds, hourly.Total.PeerWaitP50Seconds);

        var csv = await http.GetAsync($"/api/reports.csv?{Range()}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var totalLine = lines[^1].Split(',');
        Assert.Equal(4, lines.Length);
        Assert.Equal("total", totalLine[0]);
        string Cell(string column) => totalLine[Array.IndexOf(header, column)];
        Assert.Equal("9", Cell("conversations"));
        Assert.Equal("2", Cell("ai_only"));
        Assert.Equal("5", Cell("peer_chats"));
        Assert.Equal("2", Cell("abandoned_before_peer"));
        Assert.Equal("3", Cell("red_flags"));
        Assert.Equal("2", Cell("red_flags_reached_crisis_trained"));
        Assert.Equal("1", Cell("red_flags_never_reached"));
        Assert.Equal("1", Cell("crisis_hand_overs"));
        Assert.Equal("1", Cell("supervisor_take_overs"));
        Assert.Equal("2", Cell("ratings"));
        Assert.Equal("4.5", Cell("rating_mean"));
        Assert.Equal(["0", "0", "0", "1", "1"], Enumerable.Range(1, 5).Select(s => Cell($"rating_{s}")));
    }

    [Fact]
    public async Task A_figure_outlives_a_restart_of_the_gateway_and_its_silo()
    {
        var supervisor = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Priya", [], role: "supervisor");
        await using (var seeker = await SeekerClient.Connect(Gateway.Url))
        {
            await seeker.StartConversation();
        }

        await Eventually.True(async () => (await Total(Gateway.Url, supervisor.Token)).Conversations == 1, "the conversation to be counted");
        await Gateway.Stop();
        await using var restarted = await GatewayProcess.Start(Gateway.Settings);
        var token = (await SupporterClient.Register(restarted.Url, restarted.AdminKey, "Priya again", [], role: "supervisor")).Token;
        Assert.Equal(1, (await Total(restarted.Url, token)).Conversations);

        // The hour's figures expire with the retention, never last forever.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var keys = connection.GetServers()[0].Keys(pattern: $"storiboard:{Gateway.Settings.ServiceId}:figures:*").ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.InRange(ttl!.Value, TimeSpan.FromDays(399), TimeSpan.FromDays(400));
        }
    }

    [Fact]
    public async Task A_supporter_is_refused_and_so_is_anyone_without_a_staff_token()
    {
        var jake = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Jake", ["work"]);
        using var asSupporter = HttpClients.For(Gateway.Url, bearer: jake.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await asSupporter.GetAsync($"/api/reports?{Range()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asSupporter.GetAsync($"/api/reports.csv?{Range()}")).StatusCode);

        using var anonymous = HttpClients.For(Gateway.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/reports?{Range()}")).StatusCode);

        await using var seeker = await SeekerClient.Connect(Gateway.Url);
        using var asSeeker = HttpClients.For(Gateway.Url, bearer: seeker.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await asSeeker.GetAsync($"/api/reports?{Range()}")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-12-07&to=2026-12-06")]
    [InlineData("from=2026-12-01&to=2027-01-01")]
    [InlineData("from=2026-13-01&to=2026-12-31")]
    [InlineData("from=07/12/2026&to=2026-12-07")]
    [InlineData("to=2026-12-07")]
    [InlineData("from=2026-12-07")]
    [InlineData("from=2026-12-07&to=2026-12-07&by=week")]
    [InlineData("from=1900-01-01&to=1900-01-02")]
    public async Task Bad_dates_reversed_or_too_long_ranges_and_unknown_steps_are_invalid(string query)
    {
        var supervisor = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Priya", [], role: "supervisor");
        using var http = HttpClients.For(Gateway.Url, bearer: supervisor.Token);
        foreach (var path in new[] { "/api/reports", "/api/reports.csv" })
        {
            var response = await http.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(ErrorCodes.Invalid, (await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options))!.Error);
        }

        // Thirty-one days is the longest this gateway allows, and is answered.
        var longest = await http.GetFromJsonAsync<NightReport>("/api/reports?from=2026-12-01&to=2026-12-31", ProtocolJson.Options);
        Assert.Equal(31, longest!.Rows.Length);
    }

    private static async Task<ReportRow> Total(Uri gateway, string token)
    {
        using var http = HttpClients.For(gateway, bearer: token);
        return (await http.GetFromJsonAsync<NightReport>($"/api/reports?{Range()}", ProtocolJson.Options))!.Total;
    }
}
