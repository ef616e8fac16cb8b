using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StoriBoard.Protection;
using StoriBoard.Tests.Infrastructure;
using StoriBoard.Transcripts;

namespace StoriBoard.Tests.Protection;

/// <summary>The transcript store on a real Redis: encrypted entries, key rotation, and keys that expire together.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class TranscriptAtRestTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private ConnectionMultiplexer _connection = null!;

    private IDatabase Db => _connection.GetDatabase();

    public async Task InitializeAsync() => _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);

    public async Task DisposeAsync() => await _connection.DisposeAsync();

    [Fact]
    public async Task Entries_written_under_an_old_key_are_read_after_the_current_key_changes()
    {
        var id = Guid.NewGuid().ToString("N");
        var before = Store(AtRestCipherTests.Cipher("k1", ("k1", OldKey)));
        await before.Append(Message(id, "written under the first key"));

        var rotated = Store(AtRestCipherTests.Cipher("k2", ("k1", OldKey), ("k2", NewKey)));
        await rotated.Append(Message(id, "written under the second key"));

        var read = await rotated.After(id, 0, 10);
        Assert.Equal(["written under the first key", "written under the second key"], read.Select(m => m.Text));
        Assert.Equal([1L, 2L], read.Select(m => m.Seq));

        var stored = (await Db.StreamRangeAsync(StreamKey(id))).Select(e => (string)e["m"]!).ToArray();
        Assert.StartsWith("sb1.k1.", stored[0]);
        Assert.StartsWith("sb1.k2.", stored[1]);
        Assert.All(stored, s => Assert.DoesNotContain("written", s));
    }

    [Fact]
    public async Task Entries_stored_in_the_clear_before_encryption_are_still_read()
    {
        var id = Guid.NewGuid().ToString("N");
        var before = JsonSerializer.Serialize(Message(id, "from before"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await Db.StreamAddAsync(StreamKey(id), "m", before, "1-0");
        await Db.StringSetAsync(CounterKey(id), 1);

        var store = Store(AtRestCipherTests.Cipher("k1", ("k1", OldKey)));
        await store.Append(Message(id, "after"));
        Assert.Equal(["from before", "after"], (await store.After(id, 0, 10)).Select(m => m.Text));
    }

    [Fact]
    public async Task Every_append_refreshes_one_expiry_shared_by_the_stream_its_counter_and_its_client_ids()
    {
        var id = Guid.NewGuid().ToString("N");
        var store = Store(AtRestCipherTests.Cipher("k1", ("k1", OldKey)), TimeSpan.FromSeconds(30));
        await store.Append(Message(id, "one", "client-1"));
        foreach (var key in new[] { StreamKey(id), CounterKey(id), ClientIdsKey(id) })
        {
            await Db.KeyExpireAsync(key, TimeSpan.FromSeconds(5));
        }

        await store.Append(Message(id, "two", "client-2"));
        var expiries = await Task.WhenAll(new[] { StreamKey(id), CounterKey(id), ClientIdsKey(id) }.Select(k => Db.KeyTimeToLiveAsync(k)));
        Assert.All(expiries, ttl => Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(28), TimeSpan.FromSeconds(30)));
        Assert.Single(expiries.Select(ttl => (int)ttl!.Value.TotalSeconds).Distinct());
    }

    [Fact]
    public async Task Each_message_carries_the_conversations_state_forward_to_the_transcripts_expiry()
    {
        // The grain writes its state only when the chat's outline changes: a steady chat must not lose it.
        var id = Guid.NewGuid().ToString("N");
        RedisKey state = $"transcript-tests/state/conversation/{id}/conversation";
        await Db.HashSetAsync(state, [new HashEntry("etag", "e"), new HashEntry("data", "sb1.k1.x")]);
        await Db.KeyExpireAsync(state, TimeSpan.FromMinutes(5));

        await Store(AtRestCipherTests.Cipher("k1", ("k1", OldKey))).Append(Message(id, "a steady chat"));
        await Eventually.True(async () => await Db.KeyTimeToLiveAsync(state) > TimeSpan.FromDays(29), "the state's expiry to move on");

        // A conversation with no stored state gets none from the transcript.
        var other = Guid.NewGuid().ToString("N");
        await Store(AtRestCipherTests.Cipher("k1", ("k1", OldKey))).Append(Message(other, "no state"));
        Assert.False(await Db.KeyExistsAsync($"transcript-tests/state/conversation/{other}/conversation"));
    }

    [Fact]
    public async Task Numbering_goes_on_above_what_the_conversation_has_seen_after_its_transcript_expired()
    {
        var id = Guid.NewGuid().ToString("N");
        var store = Store(AtRestCipherTests.Cipher("k1", ("k1", OldKey)), TimeSpan.FromSeconds(1));
        for (var i = 1; i <= 3; i++)
        {
            await store.Append(Message(id, $"message {i}", $"client-{i}"));
        }

        // The three keys expire together: none is left behind to number or de-duplicate on its own.
        await Eventually.True(async () => !await Db.KeyExistsAsync(StreamKey(id)), "the transcript to expire");
        Assert.False(await Db.KeyExistsAsync(CounterKey(id)));
        Assert.False(await Db.KeyExistsAsync(ClientIdsKey(id)));

        // The conversation passes on the last seq it knows (3): the next message is 4, not 1.
        var next = await store.Append(Message(id, "still here", "client-4") with { Seq = 3 });
        Assert.Equal(4, next.Message.Seq);
        Assert.Equal(["still here"], (await store.After(id, 3, 10)).Select(m => m.Text));

        // And the floor never lowers a seq the store already counts past; a repeated client id is still answered once.
        var later = await store.Append(Message(id, "and again", "client-5") with { Seq = 1 });
        Assert.Equal(5, later.Message.Seq);
        var repeat = await store.Append(Message(id, "and again", "client-5") with { Seq = 5 });
        Assert.False(repeat.Created);
        Assert.Equal(5, repeat.Message.Seq);
    }

    private RedisTranscriptStore Store(AtRestCipher cipher, TimeSpan? retention = null) => new(
        _connection,
        Options.Create(new ConversationOptions { TranscriptRetention = retention ?? TimeSpan.FromDays(30) }),
        Options.Create(new Orleans.Configuration.ClusterOptions { ServiceId = "transcript-tests" }),
        cipher);

    private static MessageView Message(string conversationId, string text, string? clientId = null) =>
        new(conversationId, 0, Guid.NewGuid().ToString("N"), clientId, Sender.Seeker, "Anonymous", text, DateTimeOffset.UtcNow);

    private static RedisKey StreamKey(string id) => $"storiboard:transcript:{{{id}}}";

    private static RedisKey CounterKey(string id) => $"storiboard:transcript:{{{id}}}:seq";

    private static RedisKey ClientIdsKey(string id) => $"storiboard:transcript:{{{id}}}:client-ids";
}
