using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace StoriBoard.Transcripts;

/// <summary>
/// One Redis stream per conversation, with entry ids "seq-0" so that seq order is stream order and a range read is
/// cheap; a hash maps client message ids to seqs. A Lua script makes the idempotency check, the seq increment and the
/// append one atomic O(1) step.
/// </summary>
public sealed class RedisTranscriptStore(IConnectionMultiplexer redis, IOptions<ConversationOptions> options) : ITranscriptStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // KEYS: stream, client-id hash, seq counter. ARGV: client id ('' for none), message json, retention seconds.
    // Returns {seq, created}.
    private static readonly LuaScript AppendScript = LuaScript.Prepare(
        """
        if @clientId ~= '' then
          local existing = redis.call('HGET', @ids, @clientId)
          if existing then return {tonumber(existing), 0} end
        end
        local seq = redis.call('INCR', @counter)
        redis.call('XADD', @stream, seq .. '-0', 'm', @message)
        if @clientId ~= '' then redis.call('HSET', @ids, @clientId, seq) end
        redis.call('EXPIRE', @stream, @retention)
        redis.call('EXPIRE', @ids, @retention)
        redis.call('EXPIRE', @counter, @retention)
        return {seq, 1}
        """);

    private readonly IDatabase _db = redis.GetDatabase();
    private readonly long _retentionSeconds = (long)options.Value.TranscriptRetention.TotalSeconds;

    public async Task<AppendResult> Append(MessageView message)
    {
        var keys = Keys.For(message.ConversationId);
        var result = (RedisResult[])(await _db.ScriptEvaluateAsync(AppendScript, new
        {
            stream = keys.Stream,
            ids = keys.ClientIds,
            counter = keys.Counter,
            clientId = message.ClientMessageId ?? string.Empty,
            message = JsonSerializer.Serialize(message with { Seq = 0 }, Json),
            retention = _retentionSeconds,
        }))!;

        var seq = (long)result[0];
        if ((long)result[1] == 1)
        {
            return new AppendResult(message with { Seq = seq }, Created: true);
        }

        var first = await Read(keys, seq, seq, 1);
        return new AppendResult(first.Single(), Created: false);
    }

    public async Task<IReadOnlyList<MessageView>> After(string conversationId, long afterSeq, int max) =>
        await Read(Keys.For(conversationId), afterSeq + 1, null, max);

    public Task Delete(string conversationId)
    {
        var keys = Keys.For(conversationId);
        return _db.KeyDeleteAsync([keys.Stream, keys.ClientIds, keys.Counter]);
    }

    private async Task<IReadOnlyList<MessageView>> Read(Keys keys, long fromSeq, long? toSeq, int max)
    {
        var entries = await _db.StreamRangeAsync(
            keys.Stream, $"{Math.Max(fromSeq, 1)}-0", toSeq is { } to ? $"{to}-0" : "+", max);
        var messages = new MessageView[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var seq = long.Parse(((string)entries[i].Id!).Split('-')[0]);
            var stored = JsonSerializer.Deserialize<MessageView>((string)entries[i]["m"]!, Json)!;
            messages[i] = stored with { Seq = seq };
        }

        return messages;
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
