using System.IO.Hashing;
using System.Text;

namespace StoriBoard.Matching;

/// <summary>
/// Which matchmaker shard serves whom. A help-seeker's conversations all go to one shard of their language (a stable
/// hash of the seeker id), so a person's waiting conversations queue together; a supporter announces to every shard of
/// each language they speak, so every shard can offer them.
/// </summary>
public static class MatchmakerKeys
{
    public static string ForSeeker(string language, string seekerId, int shards) =>
        Key(language, (int)(StableHash(seekerId) % (uint)Math.Max(1, shards)));

    public static IEnumerable<string> AllShards(string language, int shards) =>
        Enumerable.Range(0, Math.Max(1, shards)).Select(shard => Key(language, shard));

    private static string Key(string language, int shard) => $"{language.ToLowerInvariant()}/{shard}";

    /// <summary>xxHash32 of the UTF-8 bytes: the same on every silo and every run, unlike string.GetHashCode.</summary>
    private static uint StableHash(string value) => XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(value));
}
