using System.Net;
using StoriBoard.Tests.Infrastructure;
using static StoriBoard.Tests.Staff.StaffHelpline;

namespace StoriBoard.Tests.Staff;

/// <summary>Sign-ins are limited per address whatever the account, so guessing across many accounts is slow too.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class StaffSignInLimitTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Limits__StaffSignInsPerWindow"] = "3",
        ["StoriBoard__Limits__StaffSignInWindow"] = "00:10:00",
    };

    [Fact]
    public async Task Past_the_budget_an_address_is_refused_with_429_and_Retry_After()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TrySignIn(Gateway.Url, $"person{i}@helpline.example", SupporterPassword)).StatusCode);
        }

        var refused = await TrySignIn(Gateway.Url, "person9@helpline.example", SupporterPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Refresh(Gateway.Url, "anything")).StatusCode);
    }
}
