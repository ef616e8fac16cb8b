using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;
using StoriBoard.Protection;

namespace StoriBoard.Transcripts;

/// <summary>
/// One Redis stream per conversation, with entry ids "seq-0" so that seq order is stream order and a range read is
/// cheap; a hash maps client message ids to seqs. A Lua script makes the idempotency check, the seq increment and the
/// append one atomic O(1) step. Each entry (text, analysis, sender) is encrypted under the current key and bound to
/// its conversation; the three keys expire together, <see cref="ConversationOptions.TranscriptRetention"/> after the
/// last append, and each append also carries the conversation's grain state forward to the same expiry.
/// </summary>
public sealed class RedisTranscriptStore(
    IConnectionMultiplexer redis, IOptions<ConversationOptions> options, IOptions<ClusterOptions> cluster, AtRestCipher cipher)
    : ITranscriptStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // KEYS: stream, client-id hash, seq counter. ARGV: client id ('' for none), the encrypted message, retention
    // seconds, and the highest seq the conversation has seen. Returns {seq, created}.
    // The three keys always get the same expiry in the same call, so the counter and the client ids never outlive or
    // predecease the stream. The floor keeps numbering above what clients hold even if all three expired while the
    // conversation stayed open (History(afterSeq) would otherwise answer nothing for the new messages).
    private static readonly LuaScript AppendScript = LuaScript.Prepare(
        """
        if @clientId ~= '' then
          local existing = redis.call('HGET', @ids, @clientId)
          if existing then return {tonumber(existing), 0} end
        end
        local seq = redis.call('INCR', @counter)
        local floor = tonumber(@floor)
        if seq <= floor then
          seq = floor + 1
          redis.call('SET', @counter, seq)
        end
        redis.call('XADD', @stream, seq .. '-0', 'm', @message)
        if @clientId ~= '' then redis.call('HSET', @ids, @clientId, seq) end
        redis.call('EXPIRE', @stream, @retention)
        redis.call('EXPIRE', @ids, @retention)
        redis.call('EXPIRE', @counter, @retention)
        return {seq, 1}
        """);

    /// <summary>How many messages apart the conversation's state has its expiry carried forward.</summary>
    private const int StateRefreshEvery = 32;

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly long _retentionSeconds = (long)Math.Ceiling(options.Value.TranscriptRetention.TotalSeconds);
    private readonly string _statePrefix = $"{cluster.Value.ServiceId}/state/conversation/";

    public Task<AppendResult> Append(MessageView message) => Answered(() => AppendOnce(message));

    public Task<IReadOnlyList<MessageView>> After(string conversationId, long afterSeq, int max) =>
        Answered(() => Read(Keys.For(conversationId), conversationId, afterSeq + 1, null, max));

    public Task Delete(string conversationId)
    {
        var keys = Keys.For(conversationId);
        return Answered(() => _db.KeyDeleteAsync([keys.Stream, keys.ClientIds, keys.Counter]));
    }

    /// <summary>Redis not answering becomes a fault the gateway can name, without the Redis client's own type (see <see cref="StoreUnavailableException"/>).</summary>
    private static async Task<T> Answered<T>(Func<Task<T>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            throw new StoreUnavailableException($"The transcript store did not answer: {exception.GetType().Name}.");
        }
    }

    private async Task<AppendResult> AppendOnce(MessageView message)
    {
        var keys = Keys.For(message.ConversationId);
        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(AppendScript, new
        {
            stream = keys.Stream,
            ids = keys.ClientIds,
            counter = keys.Counter,
            clientId = message.ClientMessageId ?? string.Empty,
            message = cipher.Protect(JsonSerializer.SerializeToUtf8Bytes(message with { Seq = 0 }, Json), message.ConversationId),
            retention = _retentionSeconds,
            floor = Math.Max(message.Seq, 0),
        }))!;

        var seq = (long)result[0];
        if ((long)result[1] == 1)
        {
            // The conversation grain writes its state only when the chat's outline changes, so a long, steady chat would
            // see its state expire under its messages. Every few dozen messages carry the state forward with the
            // transcript: the retention is days, and a command on every message cost the peer path measurably. Fire and
            // forget adds no round trip (Orleans' key "{service}/state/{grain id}/{state name}"; a missing key is left
            // alone). Outside the script: the state key is in another Redis Cluster slot.
            if (seq % StateRefreshEvery == 1)
            {
                _db.KeyExpire($"{_statePrefix}{message.ConversationId}/conversation", TimeSpan.FromSeconds(_retentionSeconds), flags: CommandFlags.FireAndForget);
            }

            return new AppendResult(message with { Seq = seq }, Created: true);
        }

        var first = await Read(keys, message.ConversationId, seq, seq, 1);
        return new AppendResult(first.Single(), Created: false);
    }

    private async Task<IReadOnlyList<MessageView>> Read(Keys keys, string conversationId, long fromSeq, long? toSeq, int max)
    {
        var entries = await _db.StreamRangeAsync(
            keys.Stream, $"{Math.Max(fromSeq, 1)}-0", toSeq is { } to ? $"{to}-0" : "+", max);
        var messages = new MessageView[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var seq = long.Parse(((string)entries[i].Id!).Split('-')[0]);
            var stored = JsonSerializer.Deserialize<MessageView>(Plaintext(entries[i]["m"], conversationId), Json)!;
            messages[i] = stored with { Seq = seq };
        }

        return messages;
    }

    /// <summary>Entries stored before encryption was turned on are read as they are.</summary>
    private byte[] Plaintext(RedisValue stored, string conversationId)
    {
        var bytes = (byte[])stored!;
        return AtRestCipher.IsProtected(bytes) ? cipher.Unprotect(bytes, conversationId) : bytes;
    }

    // One hash tag per conversation keeps its keys on one Redis Cluster slot, as the script needs.
    private readonly record struct Keys(RedisKey Stream, RedisKey ClientIds, RedisKey Counter)
    {
        public static Keys For(string conversationId) => new(
            $"storiboard:transcript:{{{conversationId}}}",
            $"storiboard:transcript:{{{conversationId}}}:client-ids",
            $"storiboard:transcript:{{{conversationId}}}:seq");
    }
}
