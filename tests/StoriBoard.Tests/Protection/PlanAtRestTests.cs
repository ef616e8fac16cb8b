using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Protection;

/// <summary>
/// What a plan, a supporter's note and a check-in leave in Redis: no words in the clear, every key of the person
/// expiring with the retention setting, and nothing of them after they delete their data.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class PlanAtRestTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private ConnectionMultiplexer _connection = null!;

    private IDatabase Db => _connection.GetDatabase();

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Plan_words_and_notes_are_encrypted_expire_and_are_gone_after_delete()
    {
        var step = $"visit the lighthouse {Guid.NewGuid():N}"[..30];
        var changed = $"phone the harbour {Guid.NewGuid():N}"[..28];
        var note = $"proud of you, sailor {Guid.NewGuid():N}"[..31];
        await using var gateway = await GatewayProcess.Start(new HostSettings
        {
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string> { ["StoriBoard__CheckIns__Delay"] = "00:00:02" },
        });
        await using var jake = await SupporterClient.Create(gateway.Url, gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(gateway.Url);
        var checkIns = new EventLog<CheckInView>();
        mark.Hub.On<CheckInView>(ClientMethods.CheckIn, checkIns.Add);
        var conversationId = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversationId, "I lost my job last month and I feel so alone");
        await mark.RequestPeer(conversationId);
        await jake.AcceptOfferOf(conversationId);
        var stepId = (await mark.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, step, null)).Steps.Single().StepId;
        await mark.Hub.InvokeAsync<PlanView>("SetFollowUp", true);
        var person = (await jake.Hub.InvokeAsync<SupportedPersonView[]>("PeopleISupport")).Single();
        await jake.Hub.InvokeAsync<SupportedPersonView>("LeaveEncouragement", person.PersonId, note);
        await mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/Dublin", 1, "evening");
        var checkIn = await checkIns.WaitFor(c => c.Note?.Text == note, "the check-in");
        await mark.Hub.InvokeAsync<CheckInAnswered>(
            "AnswerCheckIn", checkIn.CheckInId, 3, new[] { new { stepId, progress = "changed", text = changed } }, null);

        var everything = await ReadEverything();
        foreach (var words in new[] { step, changed, note })
        {
            Assert.DoesNotContain(everything, e => e.Text.Contains(words, StringComparison.OrdinalIgnoreCase));
        }

        // Not vacuous: the plan, the check-ins and the supporter's list are stored, each expiring with the retention.
        var stored = new[] { $"/state/plan/{mark.UserId}/", $"/state/checkin/{mark.UserId}/", $"/state/supportedpeople/{jake.SupporterId}/" }
            .Select(part => everything.Single(e => e.Key.Contains(part, StringComparison.Ordinal)))
            .ToArray();
        foreach (var key in stored)
        {
            var ttl = await Db.KeyTimeToLiveAsync(key.Key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= Retention, $"{key.Key} expires in {ttl?.ToString() ?? "never"}");
        }

        // A check-in scheduled again is a reminder naming the person's check-ins; deleting the data takes it away too.
        var reminders = $"{gateway.Settings.ServiceId}/reminders";
        await mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/Dublin", 2, "morning");
        Assert.Contains((await Db.SortedSetRangeByRankAsync(reminders)).Select(v => v.ToString()), v => v.Contains($"checkin/{mark.UserId}", StringComparison.Ordinal));
        using var http = HttpClients.For(gateway.Url, bearer: mark.Token);
        (await http.DeleteAsync("/api/me")).EnsureSuccessStatusCode();

        // None of it is left: no plan, no check-ins, no check-in reminder, no place in the supporter's list. (The token's
        // revocation and the session's own first reminder are the session's, and end with the token and within the hour.)
        string[] left = [];
        await Eventually.True(async () =>
        {
            left = (await ReadEverything())
                .Where(e => e.Key.Contains($"/state/plan/{mark.UserId}/", StringComparison.Ordinal)
                    || e.Key.Contains($"/state/checkin/{mark.UserId}/", StringComparison.Ordinal)
                    || e.Key.Contains($"/state/supportedpeople/{jake.SupporterId}/", StringComparison.Ordinal)
                    || e.Values.Any(v => v.Contains($"checkin/{mark.UserId}", StringComparison.Ordinal)))
                .Select(e => e.Key)
                .ToArray();
            return left.Length == 0;
        }, "every key of the person's plan and check-ins gone").ContinueWith(t => Assert.True(t.IsCompletedSuccessfully, string.Join(", ", left)));
    }

    private sealed record Stored(string Key, string[] Values)
    {
        public string Text { get; } = Key + "\n" + string.Join('\n', Values);
    }

    private async Task<Stored[]> ReadEverything()
    {
        var server = _connection.GetServer(_connection.GetEndPoints().Single());
        var everything = new List<Stored>();
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 500))
        {
            RedisValue[] values = await Db.KeyTypeAsync(key) switch
            {
                RedisType.String => [await Db.StringGetAsync(key)],
                RedisType.Hash => (await Db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
                RedisType.Stream => (await Db.StreamRangeAsync(key)).SelectMany(e => e.Values.SelectMany(v => new[] { v.Name, v.Value })).ToArray(),
                RedisType.Set => await Db.SetMembersAsync(key),
                RedisType.SortedSet => await Db.SortedSetRangeByRankAsync(key),
                RedisType.List => await Db.ListRangeAsync(key),
                _ => [],
            };
            everything.Add(new Stored(key!, values.Select(v => Encoding.UTF8.GetString((byte[])v!)).ToArray()));
        }

        return [.. everything];
    }
}
