using System.Text;
using Microsoft.AspNetCore.SignalR.Client;
using StackExchange.Redis;
using StoriBoard.Protection;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Protection;

/// <summary>What a real conversation through a real gateway leaves in Redis: nothing readable, and nothing forever.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class DataAtRestTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private ConnectionMultiplexer _connection = null!;

    private IDatabase Db => _connection.GetDatabase();

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true");

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Neither_a_message_nor_a_supporters_note_can_be_found_in_redis_and_every_key_of_the_chat_expires()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString };
        var said = $"my lighthouse keeper {Guid.NewGuid():N}"[..32];
        var noted = $"note about the orchard {Guid.NewGuid():N}"[..34];

        string conversationId, seekerId, supporterId;
        await using (var gateway = await GatewayProcess.Start(settings))
        {
            await using var jake = await SupporterClient.Create(gateway.Url, gateway.AdminKey, "Jake", [Themes.Work]);
            await using var mark = await SeekerClient.Connect(gateway.Url);
            (conversationId, seekerId, supporterId) = ((await mark.StartConversation()).ConversationId, mark.UserId, jake.SupporterId);

            await mark.Send(conversationId, $"I can't sleep, {said}, and work is falling apart");
            await mark.RequestPeer(conversationId);
            await jake.AcceptOfferOf(conversationId);
            await jake.Send(conversationId, "I'm here with you");
            Assert.Equal(ConversationStatus.Ended, (await jake.End(conversationId, $"Follow up: {noted}")).Status);
        }

        // Every key of every type, read whole: strings, hashes, streams, sets, sorted sets, lists.
        var everything = await ReadEverything();
        Assert.DoesNotContain(everything, e => e.Text.Contains(said, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(everything, e => e.Text.Contains(noted, StringComparison.OrdinalIgnoreCase));

        // Not vacuous: both were stored, and the test key opens them.
        var cipher = AtRestCipherTests.Cipher(HostSettings.TestKeyId, (HostSettings.TestKeyId, HostSettings.TestKey));
        var stream = everything.Single(e => e.Key == $"storiboard:transcript:{{{conversationId}}}");
        Assert.Contains(stream.Values, v => Decrypt(cipher, v, conversationId).Contains(said));
        var conversationState = StateOf(everything, "conversation", conversationId);
        Assert.Contains(conversationState.Values, v => Decrypt(cipher, v, "grain-state").Contains(noted));

        // Retention: the conversation's and the person's keys expire; a supporter's account does not.
        var personal = everything.Where(e => e.Key.Contains(conversationId) || e.Key.Contains(seekerId)).ToArray();
        Assert.Contains(StateOf(everything, "helpseeker", seekerId), personal);
        Assert.True(personal.Length >= 4, string.Join(", ", personal.Select(e => e.Key)));
        foreach (var key in personal)
        {
            var ttl = await Db.KeyTimeToLiveAsync(key.Key);
            Assert.True(ttl is { } t && t > TimeSpan.Zero && t <= Retention, $"{key.Key} expires in {ttl?.ToString() ?? "never"}");
        }

        var staff = StateOf(everything, "supporter", supporterId);
        Assert.Null(await Db.KeyTimeToLiveAsync(staff.Key));
    }

    [Fact]
    public async Task After_the_key_is_rotated_and_the_system_restarted_old_messages_and_states_are_read_and_new_ones_use_the_new_key()
    {
        var first = new HostSettings { Redis = redis.ConnectionString };
        string conversationId, seekerToken;
        MessageView[] before;
        await using (var gateway = await GatewayProcess.Start(first))
        {
            await using var mark = await SeekerClient.Connect(gateway.Url);
            conversationId = (await mark.StartConversation()).ConversationId;
            await mark.Send(conversationId, "work has been awful and I feel so alone");
            before = await mark.History(conversationId, 0);
            seekerToken = mark.Token;
        }

        var newKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());
        var rotated = first.Another() with
        {
            EncryptionKeys = new Dictionary<string, string> { [HostSettings.TestKeyId] = HostSettings.TestKey, ["k2"] = newKey },
            CurrentKeyId = "k2",
        };
        await using (var gateway = await GatewayProcess.Start(rotated))
        {
            await using var hub = ProtocolJson.Hub(gateway.Url, "/hubs/seeker", seekerToken);
            await hub.StartAsync();
            var after = await hub.InvokeAsync<MessageView[]>("History", conversationId, 0L);
            Assert.Equal(before.Select(m => (m.Seq, m.MessageId, m.Text)), after.Select(m => (m.Seq, m.MessageId, m.Text)));

            // The conversation's state, written under the old key, is read (asking for a peer needs it) and rewritten.
            var waiting = await hub.InvokeAsync<ConversationView>("RequestPeer", conversationId);
            Assert.Equal(ConversationStatus.Waiting, waiting.Status);
            await hub.InvokeAsync<MessageView>("Send", conversationId, Guid.NewGuid().ToString("N"), "still waiting");
        }

        var stream = (await Db.StreamRangeAsync($"storiboard:transcript:{{{conversationId}}}")).Select(e => (string)e["m"]!).ToArray();
        Assert.StartsWith($"sb1.{HostSettings.TestKeyId}.", stream[0]);
        Assert.StartsWith("sb1.k2.", stream[^1]);
        var state = StateOf(await ReadEverything(), "conversation", conversationId);
        Assert.Contains(state.Values, v => v.StartsWith("sb1.k2.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_conversation_whose_transcript_expired_goes_on_numbering_where_it_was()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString });
        await using var mark = await SeekerClient.Connect(gateway.Url);
        var conversationId = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversationId, "hello, is anyone there?");
        await mark.Send(conversationId, "I just need to talk");
        var lastSeen = (await mark.History(conversationId, 0)).Max(m => m.Seq);

        // What the retention period does to a transcript whose last message was a month ago.
        var transcript = $"storiboard:transcript:{{{conversationId}}}";
        await Db.KeyDeleteAsync([transcript, $"{transcript}:seq", $"{transcript}:client-ids"]);

        var next = await mark.Send(conversationId, "are you still there?");
        Assert.True(next.Seq > lastSeen, $"seq {next.Seq} after {lastSeen}");
        Assert.Contains(await mark.History(conversationId, lastSeen), m => m.MessageId == next.MessageId);
    }

    [Fact]
    public async Task With_redis_and_no_key_the_gateway_refuses_to_start_naming_the_setting()
    {
        var settings = new HostSettings
        {
            Redis = redis.ConnectionString,
            EncryptionKeys = new Dictionary<string, string>(),
            CurrentKeyId = "",
        };
        using var process = GatewayProcess.Launch(RepoPaths.GatewayDll, Path.Combine(RepoPaths.Root, "Gateway"), settings);
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("StoriBoard__Encryption__Keys__<id>", string.Join('\n', await output));
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
            var type = await Db.KeyTypeAsync(key);
            RedisValue[] values = type switch
            {
                RedisType.String => [await Db.StringGetAsync(key)],
                RedisType.Hash => (await Db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
                RedisType.Stream => (await Db.StreamRangeAsync(key)).SelectMany(e => e.Values.SelectMany(v => new[] { v.Name, v.Value })).ToArray(),
                RedisType.Set => await Db.SetMembersAsync(key),
                RedisType.SortedSet => await Db.SortedSetRangeByRankAsync(key),
                RedisType.List => await Db.ListRangeAsync(key),
                RedisType.None => [], // expired between the scan and the read
                _ => throw new InvalidOperationException($"{key} is a {type}: read it too."),
            };
            everything.Add(new Stored(key!, values.Select(v => Encoding.UTF8.GetString((byte[])v!)).ToArray()));
        }

        return [.. everything];
    }

    /// <summary>A grain's state: Orleans' Redis storage keys it "{serviceId}/state/{grain type}/{key}/{state name}".</summary>
    private static Stored StateOf(Stored[] everything, string grainType, string key) =>
        everything.SingleOrDefault(e => e.Key.Contains($"/state/{grainType}/{key}/", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No state of {grainType}/{key} among: {string.Join(", ", everything.Select(e => e.Key))}");

    private static string Decrypt(AtRestCipher cipher, string stored, string context) =>
        AtRestCipher.IsProtected(Encoding.ASCII.GetBytes(stored))
            ? Encoding.UTF8.GetString(cipher.Unprotect(Encoding.ASCII.GetBytes(stored), context))
            : string.Empty;
}
