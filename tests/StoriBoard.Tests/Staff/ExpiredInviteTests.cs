using System.Net;
using StoriBoard.Tests.Infrastructure;
using static StoriBoard.Tests.Staff.StaffHelpline;

namespace StoriBoard.Tests.Staff;

/// <summary>An invite past its lifetime opens nothing; a new link from the admin does.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ExpiredInviteTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Staff__InviteLifetime"] = "00:00:03",
    };

    [Fact]
    public async Task An_expired_invite_is_refused_and_a_new_link_works()
    {
        var invite = await InviteFirstAdmin(Gateway);
        await Task.Delay(TimeSpan.FromSeconds(4));

        var refused = await Accept(Gateway.Url, invite.InviteToken, AdminPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Nobody accepted, so the shared key may invite the first admin again (a new account, a new link).
        var again = await InviteFirstAdmin(Gateway, "ada.again@helpline.example");
        Assert.Equal(HttpStatusCode.OK, (await Accept(Gateway.Url, again.InviteToken, AdminPassword)).StatusCode);
    }
}
