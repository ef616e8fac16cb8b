using System.Net;
using System.Net.Http.Json;
using StoriBoard.Gateway.Audit;
using StoriBoard.Tests.Infrastructure;
using static StoriBoard.Tests.Staff.StaffHelpline;

namespace StoriBoard.Tests.Staff;

/// <summary>Supervisors and admins read wrap-ups through a real gateway on Redis; each read is audited; nobody else reads them.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class WrapUpReadingTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_supervisor_reads_the_rating_and_the_note_left_after_the_person_ended_first_and_the_read_is_audited()
    {
        var admin = await FirstAdmin(Gateway);
        var supervisor = await Supporter(Gateway.Url, admin, "sam@helpline.example", "Sam", role: "supervisor");
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = await mark.StartConversation();
        await mark.Send(conversation.ConversationId, "my manager keeps piling on extra shifts and I am worn out");
        await mark.RequestPeer(conversation.ConversationId);
        await jake.AcceptOfferOf(conversation.ConversationId);

        await mark.End(conversation.ConversationId, 4);
        await jake.Conversations.WaitFor(c => c.ConversationId == conversation.ConversationId && c.Status == ConversationStatus.Ended,
            "Jake to see the chat end");
        await jake.End(conversation.ConversationId, "Talked about taking tomorrow off.");

        using var asSupervisor = HttpClients.For(Gateway.Url, bearer: supervisor.AccessToken);
        var bySupporter = await asSupervisor.GetFromJsonAsync<WrapUpView[]>(
            $"/api/supporters/{jake.SupporterId}/wrap-ups", ProtocolJson.Options);
        var wrapUp = Assert.Single(bySupporter!);
        Assert.Equal((conversation.ConversationId, 4, "Talked about taking tomorrow off.", "Jake"),
            (wrapUp.ConversationId, wrapUp.Rating, wrapUp.Note, wrapUp.SupporterName));
        Assert.Contains(Themes.Work, wrapUp.Themes);

        var byConversation = await asSupervisor.GetFromJsonAsync<WrapUpView>(
            $"/api/conversations/{conversation.ConversationId}/wrap-up", ProtocolJson.Options);
        Assert.Equal(wrapUp, byConversation! with { Themes = wrapUp.Themes }); // arrays compare by reference in records

        using var asAdmin = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync($"/api/supporters/{jake.SupporterId}/wrap-ups?count=5")).StatusCode);

        var reads = (await Audit(Gateway.Url, admin, $"&action={AuditActions.WrapUpsRead}")).ToArray();
        Assert.Contains(reads, e => e.Actor == supervisor.AccountId && e.Target == jake.SupporterId && e.Detail == "supporter");
        Assert.Contains(reads, e => e.Actor == supervisor.AccountId && e.Target == conversation.ConversationId && e.Detail == "conversation");
        Assert.Contains(reads, e => e.Actor == admin.AccountId && e.Target == jake.SupporterId);
        Assert.All(reads, e => Assert.DoesNotContain("tomorrow", e.Detail ?? ""));
    }

    [Fact]
    public async Task Supporters_and_seekers_are_refused_and_bad_ids_change_nothing()
    {
        var admin = await FirstAdmin(Gateway);
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = await mark.StartConversation();

        using var asJake = HttpClients.For(Gateway.Url, bearer: jake.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.GetAsync($"/api/supporters/{jake.SupporterId}/wrap-ups")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.GetAsync($"/api/conversations/{conversation.ConversationId}/wrap-up")).StatusCode);
        using var asMark = HttpClients.For(Gateway.Url, bearer: mark.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await asMark.GetAsync($"/api/conversations/{conversation.ConversationId}/wrap-up")).StatusCode);
        using var anonymous = HttpClients.For(Gateway.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/supporters/{jake.SupporterId}/wrap-ups")).StatusCode);

        using var asAdmin = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.GetAsync("/api/supporters/not-an-id/wrap-ups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.GetAsync($"/api/conversations/{Guid.NewGuid():N}/wrap-up")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await asAdmin.GetAsync("/api/conversations/bad%20id/wrap-up")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await asAdmin.GetAsync($"/api/supporters/{jake.SupporterId}/wrap-ups?count=0")).StatusCode);
        // The chat is still with the AI: no supporter, no wrap-up.
        Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.GetAsync($"/api/conversations/{conversation.ConversationId}/wrap-up")).StatusCode);

        Assert.Empty(await Audit(Gateway.Url, admin, $"&action={AuditActions.WrapUpsRead}&actor={jake.SupporterId}"));
    }
}
