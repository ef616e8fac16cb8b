using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>
/// A person who leaves without ending, through a real gateway: the quick exit ends every open conversation at once; a
/// page that stays closed while waiting gives up its place after the grace; a waiting red flag is never given up.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class DepartureTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Conversations__PageClosedGrace"] = Grace.ToString(),
    };

    [Fact]
    public async Task The_quick_exit_while_offered_withdraws_the_offer_and_the_token()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "hi, is anyone there?");
        await mark.RequestPeer(conversation);
        var offer = await jake.Offers.WaitFor(o => o.ConversationId == conversation, "the offer of Mark's chat");

        Assert.Equal(HttpStatusCode.NoContent, (await QuickExit(mark.Token)).StatusCode);

        await jake.WithdrawnOffers.WaitFor(id => id == offer.OfferId, "the offer withdrawn from Jake");
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(
            () => ProtocolJson.Hub(Gateway.Url, "/hubs/seeker", mark.Token).StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Jake is free for the next person at once.
        await using var jess = await SeekerClient.Connect(Gateway.Url);
        var next = (await jess.StartConversation()).ConversationId;
        await jess.RequestPeer(next);
        await jake.Offers.WaitFor(o => o.ConversationId == next, "the next person's offer to Jake");
    }

    [Fact]
    public async Task The_quick_exit_in_a_peer_chat_tells_the_supporter_the_person_has_left()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.RequestPeer(conversation);
        await jake.AcceptOfferOf(conversation);

        Assert.Equal(HttpStatusCode.NoContent, (await QuickExit(mark.Token)).StatusCode);

        await jake.Messages.WaitFor(m => m.ConversationId == conversation && m.Text.Contains("quick exit"), "the notice that Mark left");
        await jake.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Status == ConversationStatus.Ended, "Mark's chat ended on Jake's screen");
    }

    [Fact]
    public async Task The_quick_exit_needs_a_help_seekers_token()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await QuickExit(bearer: null)).StatusCode);
        var jake = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        Assert.Equal(HttpStatusCode.Forbidden, (await QuickExit(jake.Token)).StatusCode);
    }

    [Fact]
    public async Task A_page_closed_while_waiting_gives_up_its_place_after_the_grace_and_one_reopened_in_time_keeps_it()
    {
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        await using var jess = await SeekerClient.Connect(Gateway.Url);
        var marks = (await mark.StartConversation()).ConversationId;
        var jesss = (await jess.StartConversation()).ConversationId;
        await mark.RequestPeer(marks);
        await jess.RequestPeer(jesss);

        // Mark's page closes for good; Jess's phone drops its connection and comes back within the grace.
        await mark.Hub.StopAsync();
        await jess.Hub.StopAsync();
        await jess.Reconnect();
        await Task.Delay(Grace * 3);

        await mark.Reconnect();
        Assert.Equal(ConversationStatus.Ended, (await mark.Hub.InvokeAsync<ConversationView>("View", marks)).Status);
        Assert.Equal(ConversationStatus.Waiting, (await jess.Hub.InvokeAsync<ConversationView>("View", jesss)).Status);

        // Nobody is offered Mark's empty chat.
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work], capacity: 2);
        await jake.Offers.WaitFor(o => o.ConversationId == jesss, "Jess's offer to Jake");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(jake.Offers.Items, o => o.ConversationId == marks);
    }

    [Fact]
    public async Task A_waiting_red_flag_is_not_given_up_when_the_page_closes()
    {
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "I've already taken all my tablets");
        await mark.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Status == ConversationStatus.Waiting, "the red flag queued for a crisis-trained supporter");

        await mark.Hub.StopAsync();
        await Task.Delay(Grace * 3);

        await using var crisis = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Sam", [Themes.Health], crisisTrained: true);
        await crisis.Offers.WaitFor(o => o.ConversationId == conversation, "the red flag offered after the page closed");
    }

    private async Task<HttpResponseMessage> QuickExit(string? bearer)
    {
        using var http = HttpClients.For(Gateway.Url, bearer);
        return await http.PostAsync("/api/me/quick-exit", content: null);
    }
}
