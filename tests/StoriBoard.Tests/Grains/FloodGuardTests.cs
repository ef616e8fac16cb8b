using Microsoft.Extensions.Time.Testing;

namespace StoriBoard.Tests.Grains;

[Trait("Tier", "Unit")]
public sealed class FloodGuardTests
{
    [Fact]
    public void A_sender_gets_the_limit_per_window_and_the_window_slides()
    {
        var time = new FakeTimeProvider();
        var guard = new FloodGuard(limit: 3, window: TimeSpan.FromSeconds(10), time);

        Assert.True(guard.TryAdmit("mark"));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(guard.TryAdmit("mark"));
        Assert.True(guard.TryAdmit("mark"));
        Assert.False(guard.TryAdmit("mark"));
        Assert.True(guard.TryAdmit("jake"));

        time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(guard.TryAdmit("mark"));
        Assert.False(guard.TryAdmit("mark"));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(guard.TryAdmit("mark"));
    }
}
