using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>Bad input through the real gateway gets PROTOCOL.md's clear error and changes nothing.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class BadInputTests(RedisServer redis, GatewayForClass shared) : GatewayOnRedisTests(redis, shared), IClassFixture<GatewayForClass>
{
    // A known signing key lets the test forge an expired token exactly as the gateway would have signed it.
    private static readonly byte[] TokenKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["StoriBoard__TokenKey"] = Convert.ToBase64String(TokenKey) };

    [Theory]
    [InlineData("{\"region\":\"Narnia\"}", "invalid")]
    [InlineData("{\"language\":\"english please\"}", "invalid")]
    [InlineData("{\"region\":", "invalid")]
    [InlineData("[1,2,3]", "invalid")]
    public async Task Malformed_sessions_are_refused(string body, string code)
    {
        using var http = HttpClients.For(Gateway.Url);
        var response = await http.PostAsync("/api/sessions", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertError(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Supporters_need_the_admin_key_and_a_valid_profile()
    {
        using var anonymous = HttpClients.For(Gateway.Url);
        var profile = new { displayName = "Jake", livedExperience = new[] { "work" }, languages = new[] { "en" }, crisisTrained = false, maxConcurrentChats = 2 };
        await AssertError(await anonymous.PostAsJsonAsync("/api/supporters", profile), HttpStatusCode.Unauthorized, "unauthorized");

        using var wrongKey = HttpClients.For(Gateway.Url, adminKey: "not-the-key");
        await AssertError(await wrongKey.PostAsJsonAsync("/api/supporters", profile), HttpStatusCode.Unauthorized, "unauthorized");

        using var admin = HttpClients.For(Gateway.Url, adminKey: Gateway.AdminKey);
        await AssertError(await admin.PostAsJsonAsync("/api/supporters", profile with { displayName = "" }), HttpStatusCode.BadRequest, "invalid");
        await AssertError(await admin.PostAsJsonAsync("/api/supporters", profile with { livedExperience = new[] { "heartbreak" } }), HttpStatusCode.BadRequest, "invalid");
        await AssertError(await admin.PostAsJsonAsync("/api/supporters", profile with { maxConcurrentChats = 0 }), HttpStatusCode.BadRequest, "invalid");
        await AssertError(await admin.PostAsJsonAsync("/api/supporters", profile with { languages = Array.Empty<string>() }), HttpStatusCode.BadRequest, "invalid");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/supporters", profile)).StatusCode);
    }

    [Fact]
    public async Task Missing_expired_and_wrong_role_tokens_are_refused()
    {
        using var noToken = HttpClients.For(Gateway.Url);
        await AssertError(await noToken.DeleteAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");

        using var expired = HttpClients.For(Gateway.Url, bearer: ExpiredSeekerToken());
        await AssertError(await expired.DeleteAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");

        using var garbage = HttpClients.For(Gateway.Url, bearer: "not.a.token");
        await AssertError(await garbage.DeleteAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");

        var supporter = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Jake", []);
        using var wrongRole = HttpClients.For(Gateway.Url, bearer: supporter.Token);
        await AssertError(await wrongRole.DeleteAsync("/api/me"), HttpStatusCode.Forbidden, "forbidden");

        await using var seeker = await SeekerClient.Connect(Gateway.Url);
        var seekerOnSupporterHub = ProtocolJson.Hub(Gateway.Url, "/hubs/supporter", seeker.Token);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => seekerOnSupporterHub.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var expiredOnHub = ProtocolJson.Hub(Gateway.Url, "/hubs/seeker", ExpiredSeekerToken());
        var unauthorized = await Assert.ThrowsAnyAsync<HttpRequestException>(() => expiredOnHub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Bad_messages_unknown_and_foreign_conversations_get_clear_hub_errors_and_change_nothing()
    {
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        await using var stranger = await SeekerClient.Connect(Gateway.Url);
        var conversation = await mark.StartConversation();
        var id = conversation.ConversationId;
        await mark.Send(id, "hello");
        var before = await mark.History(id, 0);

        await AssertHubError("invalid", () => mark.Send(id, ""));
        await AssertHubError("invalid", () => mark.Send(id, "   \n\t "));
        await AssertHubError("too_large", () => mark.Send(id, new string('x', 4001)));
        await AssertHubError("invalid", () => mark.Send("../../etc/passwd", "hi"));
        await AssertHubError("not_found", () => mark.Send("0123456789abcdef0123456789abcdef", "hi"));
        await AssertHubError("not_found", () => mark.History("0123456789abcdef0123456789abcdef", 0));
        await AssertHubError("forbidden", () => stranger.Send(id, "let me in"));
        await AssertHubError("forbidden", () => stranger.History(id, 0));
        await AssertHubError("forbidden", () => stranger.Hub.InvokeAsync<ConversationView>("View", id));
        await AssertHubError("not_found", () => mark.Hub.InvokeAsync<ConversationView>("View", "0123456789abcdef0123456789abcdef"));
        await AssertHubError("forbidden", () => stranger.End(id, null));
        await AssertHubError("invalid", () => mark.History(id, -5));
        await AssertHubError("invalid", () => mark.End(id, 9));
        await Assert.ThrowsAsync<HubException>(() => mark.Hub.InvokeAsync<MessageView>("Send", id, 42));

        var after = await mark.History(id, 0);
        Assert.Equal(before.Select(m => m.MessageId), after.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_flood_from_one_seeker_is_rate_limited()
    {
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var id = (await mark.StartConversation()).ConversationId;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            try
            {
                await mark.Send(id, $"flood {i}");
                return "ok";
            }
            catch (HubException error)
            {
                return error.Message.Contains("rate_limited:") ? "limited" : error.Message;
            }
        }));

        Assert.Equal(20, outcomes.Count(o => o == "ok"));
        Assert.Equal(10, outcomes.Count(o => o == "limited"));
        Assert.Equal(20, (await mark.History(id, 0)).Count(m => m.Sender == Sender.Seeker));
    }

    private static async Task AssertHubError(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"{code}:", error.Message);
    }

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options);
        Assert.Equal(code, body!.Error);
        Assert.False(string.IsNullOrWhiteSpace(body.Message));
    }

    private static string ExpiredSeekerToken()
    {
        var past = DateTime.UtcNow.AddHours(-2);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "storiboard",
            Audience = "storiboard",
            IssuedAt = past,
            NotBefore = past,
            Expires = past.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString("N"), ["role"] = "seeker" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(TokenKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
