using StoriBoard.Delivery;

namespace StoriBoard.Tests.Delivery;

/// <summary>The roll of live gateway hosts: who must attach again, and who is gone.</summary>
[Trait("Tier", "Unit")]
public sealed class HostRollTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_host_attaches_on_its_first_check_in_and_again_only_after_a_silo_has_left()
    {
        var roll = new HostRoll(Lifetime, Start);

        Assert.True(roll.CheckIn("a", "silo-a", Start));
        Assert.False(roll.CheckIn("a", "silo-a", Start.AddSeconds(1)));

        roll.SiloDeparted("silo-b");
        Assert.True(roll.CheckIn("a", "silo-a", Start.AddSeconds(2)));
        Assert.False(roll.CheckIn("a", "silo-a", Start.AddSeconds(3)));
    }

    [Fact]
    public void A_host_silent_longer_than_its_lifetime_is_not_alive()
    {
        var roll = new HostRoll(Lifetime, Start);
        roll.CheckIn("a", "silo-a", Start.AddSeconds(10));
        roll.CheckIn("b", null, Start.AddSeconds(12));

        Assert.Equal(["a", "b"], roll.Live(["a", "b"], Start.AddSeconds(15)));
        Assert.Equal(["b"], roll.Live(["a", "b"], Start.AddSeconds(16)));
    }

    [Fact]
    public void A_new_roll_trusts_unknown_hosts_for_one_lifetime_then_not()
    {
        var roll = new HostRoll(Lifetime, Start);

        Assert.Equal(["unknown"], roll.Live(["unknown"], Start.AddSeconds(4)));
        Assert.Empty(roll.Live(["unknown"], Start.AddSeconds(6)));
    }

    [Fact]
    public void A_host_whose_silo_the_cluster_declared_dead_is_not_alive_however_recent_its_check_in()
    {
        var roll = new HostRoll(Lifetime, Start);
        roll.CheckIn("cohosted", "silo-b", Start.AddSeconds(10));
        roll.CheckIn("client", null, Start.AddSeconds(10));

        roll.SiloDeparted("silo-b");

        Assert.Equal(["client"], roll.Live(["cohosted", "client"], Start.AddSeconds(11)));
    }
}
