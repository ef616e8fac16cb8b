using StoriBoard.Matching;

namespace StoriBoard.Tests.Matching;

/// <summary>
/// A seeker's shard must be the same on every silo, in every process and every run: these are pinned to xxHash32 of the
/// seeker id's UTF-8 bytes (worked out independently of .NET), so a change of hash or encoding shows up here.
/// </summary>
[Trait("Tier", "Unit")]
public sealed class MatchmakerKeysTests
{
    [Theory]
    [InlineData("mark", 4, "en/2")]
    [InlineData("jake", 4, "en/3")]
    [InlineData("lily", 4, "en/1")]
    [InlineData("omar", 4, "en/0")]
    [InlineData("zoë", 8, "en/4")]
    [InlineData("3f2b8c1e9d4a4b7c8e6f0a1b2c3d4e5f", 4, "en/1")]
    [InlineData("a-very-long-seeker-identifier-over-sixteen-bytes", 8, "en/2")]
    public void A_seeker_always_lands_on_the_same_shard(string seekerId, int shards, string expected) =>
        Assert.Equal(expected, MatchmakerKeys.ForSeeker("en", seekerId, shards));

    [Fact]
    public void The_language_is_lower_cased_and_one_shard_or_fewer_means_shard_zero()
    {
        Assert.Equal("cy/3", MatchmakerKeys.ForSeeker("CY", "jake", 4));
        Assert.Equal("en/0", MatchmakerKeys.ForSeeker("en", "jake", 1));
        Assert.Equal("en/0", MatchmakerKeys.ForSeeker("en", "jake", 0));
    }

    [Fact]
    public void Every_seeker_shard_is_one_of_the_shards_a_supporter_announces_to()
    {
        var all = MatchmakerKeys.AllShards("en", 4).ToList();
        Assert.Equal(["en/0", "en/1", "en/2", "en/3"], all);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Contains(MatchmakerKeys.ForSeeker("en", $"seeker-{i}", 4), all));
    }
}
