using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StackExchange.Redis;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>A passkey as a return key, through real gateway processes on a real Redis, with a software authenticator for the device.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class PasskeyGatewayTests(RedisServer redis)
{
    private const string Origin = "https://help.example.org";

    private static HostSettings On(RedisServer redis) => new()
    {
        Redis = redis.ConnectionString,
        Environment = new Dictionary<string, string>(HostSettings.RoomyLimits)
        {
            ["StoriBoard__Passkeys__RelyingPartyId"] = "help.example.org",
            ["StoriBoard__Passkeys__Origins"] = Origin,
        },
    };

    [Fact]
    public async Task A_passkey_made_in_one_chat_brings_the_same_person_back_on_a_restarted_gateway_with_their_past_chat()
    {
        var settings = On(redis);
        using var device = new SoftwarePasskey(Origin);
        string seekerId, conversationId;
        await using (var first = await GatewayProcess.Start(settings))
        {
            await using var mark = await SeekerClient.Connect(first.Url);
            conversationId = (await mark.StartConversation()).ConversationId;
            await mark.Send(conversationId, "Work has been hard this week and I keep lying awake.");
            await mark.End(conversationId, 4);
            seekerId = mark.UserId;

            using var http = HttpClients.For(first.Url, mark.Token);
            var options = await Options(http, "/api/me/passkey/options");

            // Discoverable, user verification preferred, and nothing in it names the person or the service.
            Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
            Assert.Equal("preferred", options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
            Assert.Equal(PasskeyEndpoints.NeutralLabel, options.GetProperty("user").GetProperty("name").GetString());
            Assert.Equal(PasskeyEndpoints.NeutralLabel, options.GetProperty("user").GetProperty("displayName").GetString());
            Assert.DoesNotContain("StoriBoard", options.GetRawText(), StringComparison.OrdinalIgnoreCase);
            var handle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
            Assert.Equal(32, handle.Length);
            Assert.DoesNotContain(seekerId, Encoding.UTF8.GetString(handle) + Convert.ToHexString(handle), StringComparison.OrdinalIgnoreCase);

            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/api/me/passkey", device.Create(options))).StatusCode);
        }

        // Another device holding the same (synced) passkey, on a gateway started afresh: no name, no words.
        await using var restarted = await GatewayProcess.Start(settings.Another());
        using var anyone = HttpClients.For(restarted.Url);
        var comeBack = await Options(anyone, "/api/sessions/passkey/options");
        Assert.Equal(0, comeBack.TryGetProperty("allowCredentials", out var allowed) ? allowed.GetArrayLength() : 0);
        Assert.Equal(32, Base64Url.DecodeFromChars(comeBack.GetProperty("challenge").GetString()).Length);
        var opened = await anyone.PostAsJsonAsync("/api/sessions/passkey", device.Get(comeBack));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var session = (await opened.Content.ReadFromJsonAsync<SessionCreated>(ProtocolJson.Options))!;
        Assert.Equal(seekerId, session.UserId);

        await using var back = await SeekerClient.Opened(restarted.Url, session);
        var past = Assert.Single(await back.MyConversations());
        Assert.Equal(conversationId, past.ConversationId);
        Assert.Contains(await back.History(conversationId, 0), m => m.Sender == Sender.Seeker && m.Text.StartsWith("Work has been hard", StringComparison.Ordinal));

        // Used twice more: the sign count moves on each time, and the records expire with the retention (30 days).
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anyone.PostAsJsonAsync("/api/sessions/passkey", device.Get(await Options(anyone, "/api/sessions/passkey/options")))).StatusCode);
        }

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var service = settings.ServiceId;
        foreach (var record in new[]
        {
            $"{service}/state/passkey/{seekerId}/passkeys",
            $"{service}/state/passkeycredential/{Base64Url.EncodeToString(device.CredentialId)}/passkey",
        })
        {
            var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(record);
            Assert.True(ttl is { } t && t > TimeSpan.FromDays(29) && t <= TimeSpan.FromDays(30), $"{record} expires in {ttl?.ToString() ?? "never"}");
        }
    }

    [Fact]
    public async Task Malformed_replayed_unknown_and_wrong_origin_answers_are_refused_clearly_and_change_nothing()
    {
        await using var gateway = await GatewayProcess.Start(On(redis));
        await using var mark = await SeekerClient.Connect(gateway.Url);
        await mark.StartConversation();
        await using var jo = await SeekerClient.Connect(gateway.Url);
        using var asMark = HttpClients.For(gateway.Url, mark.Token);
        using var asJo = HttpClients.For(gateway.Url, jo.Token);
        using var anyone = HttpClients.For(gateway.Url);
        using var device = new SoftwarePasskey(Origin);

        // Making one: no session, malformed bodies, and someone else's challenge.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.PostAsync("/api/me/passkey/options", null)).StatusCode);
        var markOptions = await Options(asMark, "/api/me/passkey/options");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), await Refusal(asMark, "/api/me/passkey", Raw("{ not json")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), await Refusal(asMark, "/api/me/passkey", Raw("")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), await Refusal(asMark, "/api/me/passkey", JsonContent.Create(new { id = "x", response = new { clientDataJSON = "%%%" } })));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "too_large"), await Refusal(asMark, "/api/me/passkey", JsonContent.Create(new { pad = new string('a', PasskeyEndpoints.MaxAnswerBytes) })));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), await Refusal(asJo, "/api/me/passkey", JsonContent.Create(device.Create(markOptions))));

        // That challenge was taken by the try above: the same answer, now from Mark, is a replay.
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await Refusal(asMark, "/api/me/passkey", JsonContent.Create(device.Create(markOptions))));

        // A credential made on another site's page is not kept.
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), await Refusal(
            asMark, "/api/me/passkey", JsonContent.Create(device.Create(await Options(asMark, "/api/me/passkey/options"), fromOrigin: "https://help.example.org.evil.test"))));
        Assert.Equal(HttpStatusCode.NoContent, (await asMark.PostAsJsonAsync("/api/me/passkey", device.Create(await Options(asMark, "/api/me/passkey/options")))).StatusCode);

        // Coming back: malformed, unknown credential, wrong origin, a registration challenge, and a replay.
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), await Refusal(anyone, "/api/sessions/passkey", Raw("[1, 2")));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), await Refusal(anyone, "/api/sessions/passkey", JsonContent.Create(new { })));
        using (var stranger = new SoftwarePasskey(Origin))
        {
            stranger.Create(await Options(asJo, "/api/me/passkey/options"));
            var unknown = await Post(anyone, "/api/sessions/passkey", JsonContent.Create(stranger.Get(await Options(anyone, "/api/sessions/passkey/options"))));
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (unknown.Status, unknown.Body.Error));
            Assert.Contains("did not open anything", unknown.Body.Message, StringComparison.Ordinal);
        }

        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await Refusal(
            anyone, "/api/sessions/passkey", JsonContent.Create(device.Get(await Options(anyone, "/api/sessions/passkey/options"), fromOrigin: "https://evil.test"))));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await Refusal(
            anyone, "/api/sessions/passkey", JsonContent.Create(device.Get(await Options(asMark, "/api/me/passkey/options")))));

        var options = await Options(anyone, "/api/sessions/passkey/options");
        var answer = device.Get(options);
        var opened = await anyone.PostAsJsonAsync("/api/sessions/passkey", answer);
        Assert.Equal(mark.UserId, (await opened.Content.ReadFromJsonAsync<SessionCreated>(ProtocolJson.Options))!.UserId);
        var replay = await Post(anyone, "/api/sessions/passkey", JsonContent.Create(answer));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (replay.Status, replay.Body.Error));
        Assert.Contains("already used", replay.Body.Message, StringComparison.Ordinal);

        // A signature over a fresh challenge but with an old sign count (a cloned authenticator) is refused too.
        var stale = device.Get(await Options(anyone, "/api/sessions/passkey/options"));
        Assert.Equal(HttpStatusCode.OK, (await anyone.PostAsJsonAsync("/api/sessions/passkey", device.Get(await Options(anyone, "/api/sessions/passkey/options")))).StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await Refusal(anyone, "/api/sessions/passkey", JsonContent.Create(stale)));
    }

    [Fact]
    public async Task After_delete_no_redis_key_holds_the_passkey_and_it_opens_nothing()
    {
        await using var gateway = await GatewayProcess.Start(On(redis));
        await using var mark = await SeekerClient.Connect(gateway.Url);
        await mark.StartConversation();
        using var asMark = HttpClients.For(gateway.Url, mark.Token);
        using var anyone = HttpClients.For(gateway.Url);
        using var device = new SoftwarePasskey(Origin);
        var options = await Options(asMark, "/api/me/passkey/options");
        Assert.Equal(HttpStatusCode.NoContent, (await asMark.PostAsJsonAsync("/api/me/passkey", device.Create(options))).StatusCode);
        string[] traces = [mark.UserId, Base64Url.EncodeToString(device.CredentialId)];

        // Not vacuous: before the erase, the scan finds both.
        var before = await RedisTraces.Holding(redis.ConnectionString, traces);
        Assert.All(traces, t => Assert.Contains(before, found => found.EndsWith(t, StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.NoContent, (await asMark.DeleteAsync("/api/me")).StatusCode);
        Assert.Empty(await RedisTraces.Holding(redis.ConnectionString, traces));

        var refused = await Post(anyone, "/api/sessions/passkey", JsonContent.Create(device.Get(await Options(anyone, "/api/sessions/passkey/options"))));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (refused.Status, refused.Body.Error));
    }

    [Fact]
    public async Task A_lapsed_challenge_opens_nothing_and_floods_are_refused_per_person_and_at_the_edge()
    {
        var settings = On(redis);
        await using var gateway = await GatewayProcess.Start(settings with
        {
            Environment = new Dictionary<string, string>(settings.Environment)
            {
                ["StoriBoard__Passkeys__ChallengeLifetime"] = "00:00:10",
                ["StoriBoard__Passkeys__RequestsPerMinute"] = "3",
                ["StoriBoard__Limits__ResumesPerWindow"] = "4",
                ["StoriBoard__Limits__ResumeWindow"] = "00:01:00",
            },
        });
        await using var mark = await SeekerClient.Connect(gateway.Url);
        await mark.StartConversation();
        using var asMark = HttpClients.For(gateway.Url, mark.Token);
        using var anyone = HttpClients.For(gateway.Url);
        using var device = new SoftwarePasskey(Origin);
        var registering = await Options(asMark, "/api/me/passkey/options");
        var comingBack = await Options(anyone, "/api/sessions/passkey/options");
        await Task.Delay(TimeSpan.FromSeconds(11));

        var lapsed = await Post(asMark, "/api/me/passkey", JsonContent.Create(device.Create(registering)));
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (lapsed.Status, lapsed.Body.Error));
        Assert.Contains("lapsed", lapsed.Body.Message, StringComparison.Ordinal);

        // Two more requests make three this minute for Mark; the fourth is refused, and the one before it still works.
        var fresh = await Options(asMark, "/api/me/passkey/options");
        await Options(asMark, "/api/me/passkey/options");
        Assert.Equal((HttpStatusCode.TooManyRequests, "rate_limited"), await Refusal(asMark, "/api/me/passkey/options", Raw("")));
        Assert.Equal(HttpStatusCode.NoContent, (await asMark.PostAsJsonAsync("/api/me/passkey", device.Create(fresh))).StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), await Refusal(anyone, "/api/sessions/passkey", JsonContent.Create(device.Get(comingBack))));

        // The edge counts both coming-back calls per address: two used above, two more, then 429 with Retry-After.
        Assert.Equal(HttpStatusCode.OK, (await anyone.PostAsJsonAsync("/api/sessions/passkey", device.Get(await Options(anyone, "/api/sessions/passkey/options")))).StatusCode);
        var flooded = await anyone.PostAsync("/api/sessions/passkey/options", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, flooded.StatusCode);
        Assert.NotNull(flooded.Headers.RetryAfter);
    }

    private static async Task<JsonElement> Options(HttpClient http, string path)
    {
        var response = await http.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static StringContent Raw(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, ErrorBody Body)> Post(HttpClient http, string path, HttpContent content)
    {
        var response = await http.PostAsync(path, content);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ErrorBody>())!);
    }

    private static async Task<(HttpStatusCode, string)> Refusal(HttpClient http, string path, HttpContent content)
    {
        var (status, body) = await Post(http, path, content);
        return (status, body.Error);
    }
}
