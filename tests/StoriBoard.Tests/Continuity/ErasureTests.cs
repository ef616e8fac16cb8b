using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;
using StoriBoard.Continuity;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>"Delete my data" leaves nothing of the person in Redis: not their id, their conversations, nor their return key.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ErasureTests(RedisServer redis)
{
    [Fact]
    public async Task After_delete_no_redis_key_holds_the_person_their_chats_or_their_lookup_record_and_the_key_opens_nothing()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings
        {
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["StoriBoard__CheckIns__Delay"] = "00:00:01", ["StoriBoard__CheckIns__RetryPeriod"] = "00:00:02" },
        });
        await using var jake = await SupporterClient.Create(gateway.Url, gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(gateway.Url);

        var withJake = (await mark.StartConversation()).ConversationId;
        await mark.Send(withJake, "Work is falling apart and I can't sleep.");
        await mark.RequestPeer(withJake);
        await jake.AcceptOfferOf(withJake);
        await jake.Send(withJake, "I'm here with you.");
        await jake.End(withJake, "Talked about work.");
        var stillOpen = (await mark.StartConversation()).ConversationId;
        await mark.Send(stillOpen, "Thank you for earlier.");

        // A check-in answered: its mood and Mark's time zone are kept for patterns over time, and go with him.
        var checkIns = new EventLog<CheckInView>();
        mark.Hub.On<CheckInView>(ClientMethods.CheckIn, checkIns.Add);
        await mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/London", 1, "evening");
        var checkIn = await checkIns.WaitFor(_ => true, "the check-in", TimeSpan.FromSeconds(30));
        await mark.Hub.InvokeAsync<CheckInAnswered>("AnswerCheckIn", checkIn.CheckInId, 4, Array.Empty<object>(), null);
        var key = await mark.SaveReturnKey();
        var lookupId = ReturnKeyPhrase.LookupId(ReturnKeyPhrase.Split(key));
        string[] traces = [mark.UserId, withJake, stillOpen, lookupId];

        // Not vacuous: before the erase, the scan finds each of them.
        var before = await RedisTraces.Holding(redis.ConnectionString, traces);
        Assert.All(traces, t => Assert.Contains(before, found => found.EndsWith(t, StringComparison.Ordinal)));

        // Like every key of a person, the key's records expire with the retention (30 days by default).
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var service = gateway.Settings.ServiceId;
            string[] records =
            [
                $"{service}/state/returnkey/{mark.UserId}/returnkey", $"{service}/state/returnkeylookup/{lookupId}/lookup",
                $"{service}/state/checkin/{mark.UserId}/checkins",
            ];
            foreach (var record in records)
            {
                var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(record);
                Assert.True(ttl is { } t && t > TimeSpan.FromDays(29) && t <= TimeSpan.FromDays(30), $"{record} expires in {ttl?.ToString() ?? "never"}");
            }
        }

        using var http = HttpClients.For(gateway.Url, mark.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/me")).StatusCode);

        Assert.Empty(await RedisTraces.Holding(redis.ConnectionString, traces));

        using var anyone = HttpClients.For(gateway.Url);
        var refused = await anyone.PostAsJsonAsync("/api/sessions/resume", new { returnKey = key });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
