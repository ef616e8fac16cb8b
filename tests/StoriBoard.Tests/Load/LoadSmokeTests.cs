using StoriBoard.LoadTests;
using StoriBoard.LoadTests.Load;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Load;

/// <summary>
/// The load harness's smoke run in CI: a hundred help-seekers and ten supporters for thirty seconds
/// through a real gateway on real Redis. Latency is not judged here (a shared CI box is noisy);
/// correctness is: every peer message arrives exactly once and no call fails.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class LoadSmokeTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact(Timeout = 300_000)]
    public async Task A_short_small_run_loses_no_message_and_meets_no_error()
    {
        var run = await LoadRun.RunAsync(new LoadRunOptions
        {
            Scenario = "ci-smoke",
            Url = Gateway.Url.ToString(),
            AdminKey = Gateway.AdminKey,
            Plan = Scenarios.Smoke(seekers: 100, TimeSpan.FromSeconds(30)),
            Supporters = 10,
        }, observer: null, CancellationToken.None);

        var counters = run.Counters;
        var delivery = counters.Delivery;
        Assert.True(counters.SeekersMatched > 0, $"no seeker was matched with a supporter\n{Gateway.Output}");
        Assert.True(delivery.Sent > 0, "no peer message was sent");
        Assert.True(counters.Errors.Count == 0,
            $"errors: {string.Join("; ", counters.Errors.Select(e => $"{e.Key} × {e.Value}"))}\n{Gateway.Output}");
        Assert.Equal(0, delivery.Lost);
        Assert.Equal(0, delivery.Unverified);
        Assert.Equal(0, delivery.Duplicated);
        Assert.Equal(delivery.Sent, delivery.Delivered + delivery.Late);
    }
}
