using System.Text;
using StackExchange.Redis;
using StoriBoard.Protection;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>
/// What a person left behind in Redis: every key (SCAN over the whole server), its name and its whole value of every
/// type, with encrypted values opened by the tests' at-rest key, searched for the person's ids. For the erasure tests of
/// everything that continuity keeps (return keys, and what later parts add).
/// </summary>
public static class RedisTraces
{
    /// <summary>"key holds needle" for every key whose name or value holds one of <paramref name="needles"/>; empty when none does.</summary>
    public static async Task<string[]> Holding(string redisConnection, params string[] needles)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"{redisConnection},allowAdmin=true");
        var db = connection.GetDatabase();
        var server = connection.GetServer(connection.GetEndPoints().Single());
        var cipher = new AtRestCipher(new EncryptionOptions
        {
            Keys = new Dictionary<string, string> { [HostSettings.TestKeyId] = HostSettings.TestKey },
            CurrentKeyId = HostSettings.TestKeyId,
        });

        var found = new List<string>();
        var scanned = 0;
        await foreach (var key in server.KeysAsync(pattern: "*", pageSize: 500))
        {
            scanned++;
            var texts = new List<string> { key.ToString() };
            foreach (var value in await Values(db, key))
            {
                texts.Add(Readable(cipher, value, needles));
            }

            found.AddRange(needles.Where(n => texts.Any(t => t.Contains(n, StringComparison.OrdinalIgnoreCase))).Select(n => $"{key} holds {n}"));
        }

        // Not vacuous: a scan that saw nothing would find nothing.
        return scanned > 0 ? [.. found] : throw new InvalidOperationException("The scan saw no key at all.");
    }

    private static async Task<RedisValue[]> Values(IDatabase db, RedisKey key) => await db.KeyTypeAsync(key) switch
    {
        RedisType.String => [await db.StringGetAsync(key)],
        RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
        RedisType.Stream => (await db.StreamRangeAsync(key)).SelectMany(e => e.Values.SelectMany(v => new[] { v.Name, v.Value })).ToArray(),
        RedisType.Set => await db.SetMembersAsync(key),
        RedisType.SortedSet => await db.SortedSetRangeByRankAsync(key),
        RedisType.List => await db.ListRangeAsync(key),
        RedisType.None => [], // expired between the scan and the read
        var type => throw new InvalidOperationException($"{key} is a {type}: read it too."),
    };

    /// <summary>The value as text; an encrypted one opened under each context it may be bound to (a grain state, or an id).</summary>
    private static string Readable(AtRestCipher cipher, RedisValue value, string[] needles)
    {
        var bytes = (byte[])value!;
        if (!AtRestCipher.IsProtected(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        foreach (var context in needles.Prepend("grain-state"))
        {
            try
            {
                return Encoding.UTF8.GetString(cipher.Unprotect(bytes, context));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Bound to another context: try the next.
            }
        }

        return Encoding.UTF8.GetString(bytes);
    }
}
