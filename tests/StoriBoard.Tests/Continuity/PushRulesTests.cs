using System.Buffers.Text;
using System.Net;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Api;

namespace StoriBoard.Tests.Continuity;

/// <summary>Which push endpoints and keys the helpline takes, and which Web Push settings it starts with.</summary>
[Trait("Tier", "Unit")]
public sealed class PushRulesTests
{
    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc:def", false, true)]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAAA", false, true)]
    [InlineData("https://8.8.8.8/push", false, true)]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc", false, false)]
    [InlineData("http://127.0.0.1:5000/push/1", false, false)]
    [InlineData("https://localhost/push/1", false, false)]
    [InlineData("https://push.localhost/push/1", false, false)]
    [InlineData("http://127.0.0.1:5000/push/1", true, true)]
    [InlineData("http://[::1]:5000/push/1", true, true)]
    [InlineData("http://localhost:5000/push/1", true, true)]
    [InlineData("http://push.example.com/x", true, false)]
    [InlineData("https://10.0.0.5/x", true, false)]
    [InlineData("https://172.20.1.1/x", false, false)]
    [InlineData("https://192.168.1.1/x", false, false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false, false)]
    [InlineData("https://100.64.0.1/x", false, false)]
    [InlineData("https://0.0.0.0/x", false, false)]
    [InlineData("https://[fd12::1]/x", false, false)]
    [InlineData("https://[fe80::1]/x", false, false)]
    [InlineData("https://[::ffff:10.0.0.1]/x", false, false)]
    [InlineData("https://user:secret@fcm.googleapis.com/x", false, false)]
    [InlineData("https://fcm.googleapis.com/x#fragment", false, false)]
    [InlineData("fcm.googleapis.com/x", false, false)]
    [InlineData("javascript:alert(1)", false, false)]
    [InlineData("", false, false)]
    public void Endpoints_are_https_on_the_internet_unless_loopback_is_allowed(string endpoint, bool allowLoopback, bool accepted) =>
        Assert.Equal(accepted, PushEndpoints.Problem(endpoint, allowLoopback) is null);

    [Fact]
    public void An_oversized_endpoint_is_refused() =>
        Assert.NotNull(PushEndpoints.Problem("https://fcm.googleapis.com/" + new string('a', PushEndpoints.MaxLength), false));

    [Theory]
    [InlineData("8.8.8.8", false, true)]
    [InlineData("2001:4860:4860::8888", false, true)]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("::ffff:127.0.0.1", true, true)]
    [InlineData("10.1.1.1", true, false)]
    [InlineData("::ffff:192.168.0.1", false, false)]
    [InlineData("fc00::1", false, false)]
    [InlineData("224.0.0.1", false, false)]
    public void Connections_go_only_to_public_addresses_or_allowed_loopback(string address, bool allowLoopback, bool allowed) =>
        Assert.Equal(allowed, PushEndpoints.MayConnect(IPAddress.Parse(address), allowLoopback));

    [Fact]
    public void A_generated_pair_is_a_valid_P256_pair_and_a_stranger_key_is_not_its_own()
    {
        var pair = PushKeys.Generate();
        Assert.Null(PushKeys.Problem(pair.PublicKey, pair.PrivateKey));
        Assert.Equal(65, Base64Url.DecodeFromChars(pair.PublicKey).Length);
        Assert.Equal(32, Base64Url.DecodeFromChars(pair.PrivateKey).Length);
        Assert.NotNull(PushKeys.Problem(PushKeys.Generate().PublicKey, pair.PrivateKey));
    }

    [Fact]
    public void A_public_key_must_be_a_point_on_the_curve()
    {
        Assert.True(PushKeys.IsPublicKey(PushKeys.Generate().PublicKey));
        Assert.False(PushKeys.IsPublicKey(Base64Url.EncodeToString([0x04, .. Enumerable.Repeat((byte)0xFF, 64)])));
        Assert.False(PushKeys.IsPublicKey(Base64Url.EncodeToString([0x02, .. new byte[64]])));
        Assert.False(PushKeys.IsPublicKey(PushKeys.Generate().PublicKey[..^4]));
        Assert.False(PushKeys.IsPublicKey("!!" + PushKeys.Generate().PublicKey[2..]));
        Assert.False(PushKeys.IsPublicKey(null));
    }

    [Fact]
    public void Settings_with_a_broken_pair_or_no_subject_are_named_at_start()
    {
        var pair = PushKeys.Generate();
        Assert.Empty(new WebPushOptions().Problems());
        Assert.Empty(new WebPushOptions { PublicKey = pair.PublicKey, PrivateKey = pair.PrivateKey, Subject = "mailto:ops@helpline.example" }.Problems());

        Assert.Contains(new WebPushOptions { PublicKey = pair.PublicKey, Subject = "mailto:ops@helpline.example" }.Problems(),
            p => p.Contains("StoriBoard__WebPush__PrivateKey"));
        Assert.Contains(new WebPushOptions { PublicKey = PushKeys.Generate().PublicKey, PrivateKey = pair.PrivateKey, Subject = "mailto:ops@helpline.example" }.Problems(),
            p => p.Contains("not the private key's"));
        Assert.Contains(new WebPushOptions { PublicKey = pair.PublicKey, PrivateKey = pair.PrivateKey }.Problems(),
            p => p.Contains("StoriBoard__WebPush__Subject"));
        Assert.Contains(new WebPushOptions { Subject = "ops@helpline.example" }.Problems(), p => p.Contains("mailto: or https:"));
        Assert.Contains(new WebPushOptions { Attempts = 0 }.Problems(), p => p.Contains("Attempts"));
        Assert.Contains(new WebPushOptions { RetryDelay = TimeSpan.Zero }.Problems(), p => p.Contains("RetryDelay"));
    }

    [Fact]
    public void A_browsers_subscription_is_taken_as_it_comes()
    {
        var key = PushKeys.Generate().PublicKey;
        var auth = Base64Url.EncodeToString(new byte[16]);
        var subscription = PushApi.Validated(
            new PushSubscriptionRequest("https://fcm.googleapis.com/fcm/send/x", new PushSubscriptionKeys(key + "=", auth + "==")), allowLoopback: false);
        Assert.Equal(new PushSubscription("https://fcm.googleapis.com/fcm/send/x", key, auth), subscription);

        var refusal = Assert.Throws<HelplineException>(() => PushApi.Validated(
            new PushSubscriptionRequest("http://127.0.0.1:9/push", new PushSubscriptionKeys(key, auth)), allowLoopback: false));
        Assert.Equal(ErrorCodes.Invalid, refusal.Code);
    }
}
