using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// Web Push for check-ins through a real gateway on Redis, to a push service played on loopback: a notice arrives signed
/// and encrypted and says only "You have a new message"; a subscription the service no longer knows is dropped;
/// failures are tried again a bounded number of times and logged without secrets; bad subscriptions are refused; after
/// DELETE /api/me nothing is sent and nothing is left.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class WebPushTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    private readonly RedisServer _redis = redis;

    private const string Subject = "mailto:operators@helpline.test";
    private const int Attempts = 3;

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__WebPush__AllowLoopbackEndpoints"] = "true",
        ["StoriBoard__WebPush__Subject"] = Subject,
        ["StoriBoard__WebPush__Attempts"] = Attempts.ToString(),
        ["StoriBoard__WebPush__RetryDelay"] = "00:00:00.300",
        ["StoriBoard__Conversations__TranscriptRetention"] = "02:00:00",
        ["StoriBoard__CheckIns__Delay"] = "00:00:02",
    };

    [Fact]
    public async Task A_check_in_that_comes_also_sends_one_notice_to_the_device_the_person_allowed()
    {
        await using var push = await LocalPushService.Start();
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        using var http = HttpClients.For(Gateway.Url, bearer: mark.Token);
        var device = push.NewDevice();
        (await http.PutAsJsonAsync("/api/me/push", device.Json)).EnsureSuccessStatusCode();

        await mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/London", 1, "evening");
        Assert.Empty(push.For(device));

        await Eventually.True(() => push.For(device).Length == 1, "the check-in's notice to reach the push service");
        Assert.Equal(PushSender.Notice, push.Check(push.For(device)[0], device, await PublicKey(), Subject));
        await Task.Delay(1000);
        Assert.Single(push.For(device));
    }

    [Fact]
    public async Task A_notice_arrives_once_signed_by_the_helplines_key_and_says_only_that_there_is_a_message()
    {
        await using var push = await LocalPushService.Start();
        var (seekerId, http) = await NewSeeker();
        var device = push.NewDevice();
        Assert.Equal(HttpStatusCode.NoContent, (await http.PutAsJsonAsync("/api/me/push", device.Json)).StatusCode);
        Assert.True((await http.GetFromJsonAsync<PushStatus>("/api/me/push", ProtocolJson.Options))!.Subscribed);

        using var cluster = await ClusterClient();
        await cluster.Services.GetRequiredService<IGrainFactory>().GetGrain<IPushSubscriptionGrain>(seekerId).Notify();

        await Eventually.True(() => push.For(device).Length == 1, "the notice to reach the push service");
        var received = push.For(device)[0];
        var plaintext = push.Check(received, device, await PublicKey(), Subject);
        using var notice = JsonDocument.Parse(plaintext);
        Assert.Equal(["body", "title"], notice.RootElement.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("You have a new message", notice.RootElement.GetProperty("body").GetString());
        Assert.Equal("New message", notice.RootElement.GetProperty("title").GetString());
        Assert.Equal("86400", received.Ttl);
        Assert.Equal("message", received.Topic);

        await Task.Delay(1000);
        Assert.Single(push.For(device));
    }

    [Fact]
    public async Task A_subscription_the_push_service_no_longer_knows_is_dropped()
    {
        await using var push = await LocalPushService.Start();
        var (seekerId, http) = await NewSeeker();
        var device = push.NewDevice(HttpStatusCode.Gone);
        (await http.PutAsJsonAsync("/api/me/push", device.Json)).EnsureSuccessStatusCode();

        using var cluster = await ClusterClient();
        var grain = cluster.Services.GetRequiredService<IGrainFactory>().GetGrain<IPushSubscriptionGrain>(seekerId);
        await grain.Notify();
        await Eventually.True(async () => !await grain.Subscribed(), "the subscription to be dropped after 410");
        Assert.False((await http.GetFromJsonAsync<PushStatus>("/api/me/push", ProtocolJson.Options))!.Subscribed);

        await grain.Notify();
        await Task.Delay(1000);
        Assert.Single(push.For(device));
        Assert.Empty(await PushKeysOf(seekerId));
    }

    [Fact]
    public async Task A_failing_push_service_is_tried_a_bounded_number_of_times_and_logged_without_secrets()
    {
        await using var push = await LocalPushService.Start();
        var (seekerId, http) = await NewSeeker();
        var device = push.NewDevice(HttpStatusCode.ServiceUnavailable);
        (await http.PutAsJsonAsync("/api/me/push", device.Json)).EnsureSuccessStatusCode();

        using var cluster = await ClusterClient();
        var grain = cluster.Services.GetRequiredService<IGrainFactory>().GetGrain<IPushSubscriptionGrain>(seekerId);
        await grain.Notify();
        await Eventually.True(() => push.For(device).Length == Attempts, $"{Attempts} tries");
        await Eventually.True(() => Gateway.Output.Contains("given up"), "the last try to be logged");
        await Task.Delay(1500);
        Assert.Equal(Attempts, push.For(device).Length);
        Assert.True(await grain.Subscribed(), "a failing service is no reason to drop the subscription");

        Assert.Contains($"Web Push to seeker {seekerId} failed on try 1 of {Attempts} (503)", Gateway.Output);
        var keys = (JsonElement)JsonSerializer.SerializeToElement(device.Json).GetProperty("keys");
        foreach (var secret in new[] { device.Id, device.Endpoint, keys.GetProperty("p256dh").GetString()!, keys.GetProperty("auth").GetString()!, "You have a new message" })
        {
            Assert.DoesNotContain(secret, Gateway.Output);
        }
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_and_change_nothing()
    {
        await using var push = await LocalPushService.Start();
        var (_, http) = await NewSeeker();
        var device = push.NewDevice();
        var good = JsonSerializer.SerializeToElement(device.Json);
        var p256dh = good.GetProperty("keys").GetProperty("p256dh").GetString()!;
        var auth = good.GetProperty("keys").GetProperty("auth").GetString()!;
        byte[] offCurve = [0x04, .. Enumerable.Repeat((byte)0xFF, 64)];

        var bodies = new[]
        {
            "",
            "{\"endpoint\":",
            "{}",
            Subscription(null, p256dh, auth),
            Subscription("push/relative", p256dh, auth),
            Subscription("http://push.example.com/x", p256dh, auth),
            Subscription("ftp://push.example.com/x", p256dh, auth),
            Subscription("https://10.1.2.3/x", p256dh, auth),
            Subscription("https://169.254.169.254/latest", p256dh, auth),
            Subscription("https://[fd00::1]/x", p256dh, auth),
            Subscription("https://user:pass@push.example.com/x", p256dh, auth),
            Subscription("https://push.example.com/" + new string('a', 3000), p256dh, auth),
            Subscription(device.Endpoint, null, auth),
            Subscription(device.Endpoint, p256dh[..^2], auth),
            Subscription(device.Endpoint, Convert.ToBase64String(offCurve), auth),
            Subscription(device.Endpoint, p256dh + new string('A', 5000), auth),
            Subscription(device.Endpoint, "not base64url at all, and long enough to be 87 characters of text......................", auth),
            Subscription(device.Endpoint, p256dh, null),
            Subscription(device.Endpoint, p256dh, Convert.ToBase64String(new byte[15])),
            Subscription(device.Endpoint, p256dh, Convert.ToBase64String(new byte[17])),
        };
        foreach (var body in bodies)
        {
            var response = await http.PutAsync("/api/me/push", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode} for {body[..Math.Min(body.Length, 120)]}");
            Assert.Equal("invalid", (await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options))!.Error);
        }

        Assert.False((await http.GetFromJsonAsync<PushStatus>("/api/me/push", ProtocolJson.Options))!.Subscribed);

        using var anonymous = HttpClients.For(Gateway.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/me/push", device.Json)).StatusCode);
        var supporter = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Jake", []);
        using var staff = HttpClients.For(Gateway.Url, bearer: supporter.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PutAsJsonAsync("/api/me/push", device.Json)).StatusCode);
    }

    [Fact]
    public async Task The_subscription_expires_with_the_retention_and_after_DELETE_api_me_nothing_is_sent_or_left()
    {
        await using var push = await LocalPushService.Start();
        var (seekerId, http) = await NewSeeker();
        var device = push.NewDevice();
        (await http.PutAsJsonAsync("/api/me/push", device.Json)).EnsureSuccessStatusCode();

        var stored = Assert.Single(await PushKeysOf(seekerId));
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            var expiry = await connection.GetDatabase().KeyTimeToLiveAsync(stored);
            Assert.InRange(expiry!.Value, TimeSpan.FromHours(1.9), TimeSpan.FromHours(2));
            var value = (string)(await connection.GetDatabase().HashGetAllAsync(stored)).Select(e => e.Value).First(v => v.ToString().StartsWith("sb1."))!;
            Assert.DoesNotContain("127.0.0.1", value);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/me")).StatusCode);
        Assert.Empty(await PushKeysOf(seekerId));

        using var cluster = await ClusterClient();
        var grain = cluster.Services.GetRequiredService<IGrainFactory>().GetGrain<IPushSubscriptionGrain>(seekerId);
        await grain.Notify();
        await Task.Delay(1500);
        Assert.Empty(push.For(device));
        Assert.False(await grain.Subscribed());
    }

    [Fact]
    public async Task Unsubscribing_stops_the_notices_and_the_generated_key_pair_outlives_a_restart()
    {
        await using var push = await LocalPushService.Start();
        var (seekerId, http) = await NewSeeker();
        var device = push.NewDevice();
        (await http.PutAsJsonAsync("/api/me/push", device.Json)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/me/push")).StatusCode);
        Assert.False((await http.GetFromJsonAsync<PushStatus>("/api/me/push", ProtocolJson.Options))!.Subscribed);
        Assert.Empty(await PushKeysOf(seekerId));

        var before = await PublicKey();
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            var kept = await connection.GetServer(connection.GetEndPoints()[0])
                .KeysAsync(pattern: $"{Gateway.Settings.ServiceId}/state/pushkeys/*").ToListAsync();
            var stored = Assert.Single(kept);
            Assert.Null(await connection.GetDatabase().KeyTimeToLiveAsync(stored));
        }

        await Gateway.Stop();
        await using var restarted = await GatewayProcess.Start(Gateway.Settings.Another());
        using var again = HttpClients.For(restarted.Url);
        Assert.Equal(before, (await again.GetFromJsonAsync<PushKeyResponse>("/api/push/key", ProtocolJson.Options))!.PublicKey);
    }

    private static string Subscription(string? endpoint, string? p256dh, string? auth) =>
        JsonSerializer.Serialize(new { endpoint, keys = new { p256dh, auth } });

    private async Task<(string SeekerId, HttpClient Http)> NewSeeker()
    {
        using var anonymous = HttpClients.For(Gateway.Url);
        var created = await (await anonymous.PostAsJsonAsync("/api/sessions", new { language = "en", region = "GB" }))
            .Content.ReadFromJsonAsync<SessionCreated>(ProtocolJson.Options);
        return (created!.UserId, HttpClients.For(Gateway.Url, bearer: created.Token));
    }

    private async Task<string> PublicKey()
    {
        using var anonymous = HttpClients.For(Gateway.Url);
        return (await anonymous.GetFromJsonAsync<PushKeyResponse>("/api/push/key", ProtocolJson.Options))!.PublicKey;
    }

    /// <summary>The grain state of a seeker's push subscription in Redis.</summary>
    private async Task<List<string>> PushKeysOf(string seekerId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var keys = new List<string>();
        await foreach (var key in connection.GetServer(connection.GetEndPoints()[0]).KeysAsync(pattern: $"*pushsubscription*{seekerId}*"))
        {
            keys.Add(key.ToString());
        }

        return keys;
    }

    /// <summary>An Orleans client of the gateway's cluster, as a check-in reaches the grain.</summary>
    private Task<IHost> ClusterClient() => ClusterClients.Start(Gateway.Settings, _redis);
}
