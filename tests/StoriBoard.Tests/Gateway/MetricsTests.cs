using System.Globalization;
using System.Net;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>
/// A known short night through a real gateway on Redis, read back from <c>GET /metrics</c> and from the log: the
/// helpline's counters and gauges match what happened, the built-in meters are there, the log names each event by its
/// ids, and no message text is in either.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class MetricsTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    // As a gateway logs by default (the tests' other gateways log warnings only).
    protected override IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" };

    [Fact]
    public async Task The_scrape_and_the_log_tell_a_known_night_without_message_text()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var marks = (await mark.StartConversation()).ConversationId;
        await mark.Send(marks, "hi, is anyone there?");
        await mark.RequestPeer(marks);
        await jake.AcceptOfferOf(marks);
        await mark.Send(marks, "thanks for picking up");
        await jake.Send(marks, "I'm here, take your time");

        // A red flag with nobody crisis-trained online: it waits, and the gauges say so.
        await using var ann = await SeekerClient.Connect(Gateway.Url);
        var anns = (await ann.StartConversation()).ConversationId;
        await ann.Send(anns, "I've already taken all my tablets");

        string scrape = "";
        await Eventually.True(async () =>
        {
            scrape = await Scrape(Gateway.AdminKey);
            // Each gauge is read on its own during a scrape, so a sweep between two reads can split them: wait for both.
            return Value(scrape, "storiboard_red_flags_waiting") == 1 && WaitingRedFlags(scrape) == 1;
        }, "the waiting red flag on the gauges");

        Assert.Equal(3, Value(scrape, "storiboard_messages_total", "sender=\"seeker\""));
        Assert.Equal(1, Value(scrape, "storiboard_messages_total", "sender=\"supporter\""));
        Assert.True(Value(scrape, "storiboard_messages_total", "sender=\"ai\"") >= 2);
        Assert.Equal(1, Value(scrape, "storiboard_red_flags_total"));
        Assert.Equal(1, Value(scrape, "storiboard_offers_total", "outcome=\"accepted\""));
        Assert.True(Value(scrape, "storiboard_offers_total", "outcome=\"made\"") >= 1);
        Assert.Equal(1, Value(scrape, "storiboard_supporters_online"));
        Assert.True(Value(scrape, "storiboard_ai_reply_duration_seconds_count") >= 2);
        Assert.True(Value(scrape, "storiboard_classification_duration_seconds_count") >= 3);

        // The built-in meters of the cluster and the web server come with it.
        Assert.Contains("\norleans_", scrape);
        Assert.Contains("\nhttp_server_request_duration_seconds", scrape);

        // The log: each helpline event with the ids to follow it by.
        var log = Gateway.Output;
        Assert.Contains($"Supporter {jake.SupporterId} is Online", log);
        Assert.Matches($"Offer \\w+ of conversation {marks} \\(\\w+\\) made to supporter {jake.SupporterId}", log);
        Assert.Matches($"Offer \\w+ of conversation {marks} accepted", log);
        Assert.Contains($"Red flag raised: conversation {anns}, Imminent, kind medical", log);
        Assert.DoesNotContain("Polly", log);

        foreach (var words in new[] { "anyone there", "picking up", "take your time", "tablets" })
        {
            Assert.DoesNotContain(words, scrape, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(words, log, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_scrape_needs_the_admin_key()
    {
        using var http = HttpClients.For(Gateway.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
        using var wrong = HttpClients.For(Gateway.Url, adminKey: "not-the-admin-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        var seeker = await SeekerClient.Connect(Gateway.Url);
        await seeker.DisposeAsync();
        using var asSeeker = HttpClients.For(Gateway.Url, bearer: seeker.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asSeeker.GetAsync("/metrics")).StatusCode);
    }

    private async Task<string> Scrape(string adminKey)
    {
        using var http = HttpClients.For(Gateway.Url, adminKey: adminKey);
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static double WaitingRedFlags(string scrape) =>
        Value(scrape, "storiboard_waiting", "risk=\"imminent\"") + Value(scrape, "storiboard_waiting", "risk=\"high\"");

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string scrape, string name, string? label = null) => scrape
        .Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
        .Where(line => label is null || line.Contains(label, StringComparison.Ordinal))
        .Sum(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture));
}
