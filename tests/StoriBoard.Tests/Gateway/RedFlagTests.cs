using System.Net;
using System.Net.Http.Json;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>The safety path end to end: the real classifier, matchmaker and gateway, over real SignalR on Redis.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class RedFlagTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task Taking_all_the_tablets_is_imminent_first_in_the_queue_for_crisis_trained_only_and_told_to_supervisors()
    {
        await using var supervisor = await SupporterClient.Create(
            Gateway.Url, Gateway.AdminKey, "Priya", [], crisisTrained: true, capacity: 1, role: "supervisor");
        await supervisor.SetAvailability("away");

        // Ten people already waiting, with nobody free to take them.
        var waiting = new List<SeekerClient>();
        for (var i = 0; i < 10; i++)
        {
            var seeker = await SeekerClient.Connect(Gateway.Url);
            var conversation = await seeker.StartConversation();
            await seeker.RequestPeer(conversation.ConversationId);
            waiting.Add(seeker);
        }

        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var markConversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(markConversation, "I've already taken all my tablets");

        var imminent = await mark.Conversations.WaitFor(
            c => c.ConversationId == markConversation && c.Risk == RiskLevel.Imminent && c.QueuePosition == 1,
            "Mark's conversation to be imminent and first in the queue");
        Assert.Equal(ConversationStatus.Waiting, imminent.Status);
        await supervisor.RedFlags.WaitFor(c => c.ConversationId == markConversation, "the supervisors' RedFlag event");
        var crisisReply = await mark.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's crisis reply");
        Assert.Equal(MessagePartKind.Crisis, crisisReply.Parts![0].Kind);
        // How fast is the load harness's to judge (red-flag offer p99 ≤ 1 s, loadtests/Reporting/Thresholds.cs): a
        // stopwatch here measures the shared machine as much as the helpline.

        // A free supporter without crisis training is not offered it; a crisis-trained one is, ahead of the ten.
        await using var untrained = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Sam", [], capacity: 1);
        var samsOffer = await untrained.Offers.WaitFor(_ => true, "Sam to get a (low-risk) offer");
        Assert.NotEqual(markConversation, samsOffer.ConversationId);

        await using var trained = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ruth", [], crisisTrained: true, capacity: 1);
        var ruthsOffer = await trained.Offers.WaitFor(o => o.ConversationId == markConversation, "Ruth's offer of Mark");
        Assert.Equal(RiskLevel.Imminent, ruthsOffer.Risk);
        // Nine calmer conversations waited longer. Another shard may have offered Ruth one of them a moment before
        // Mark's shard reached her; Mark's offer then takes its place, so every offer she got before his is withdrawn.
        var calmerFirst = trained.Offers.Items.TakeWhile(o => o.OfferId != ruthsOffer.OfferId).Select(o => o.OfferId).ToArray();
        await Eventually.True(
            () => calmerFirst.All(trained.WithdrawnOffers.Items.Contains), "every calmer offer to Ruth to be withdrawn for Mark's");
        var accepted = await trained.Accept(ruthsOffer.OfferId);
        Assert.Equal(ConversationStatus.Peer, accepted.Status);
        Assert.DoesNotContain(untrained.Offers.Items, o => o.ConversationId == markConversation);

        foreach (var seeker in waiting)
        {
            await seeker.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_ai_reply_reaches_the_seeker_and_names_every_theme()
    {
        // Someone has spoken before Mark: a running service, not the first call after start.
        await using (var earlier = await SeekerClient.Connect(Gateway.Url))
        {
            await earlier.Send((await earlier.StartConversation()).ConversationId, "hi, is this anonymous?");
        }

        await using var mark = await SeekerClient.Connect(Gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation,
            "It's 2am and I can't sleep. They're restructuring at work and I'm sure my job is next. " +
            "My girlfriend left three months ago and I've got nobody to talk to anymore.");
        // Its speed is the load harness's to judge (AI first reply p99 ≤ 200 ms, loadtests/Reporting/Thresholds.cs).
        var reply = await mark.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's reply");

        var kinds = reply.Parts!.Select(p => p.Kind).ToArray();
        Assert.Equal(MessagePartKind.Acknowledgement, kinds[0]);
        Assert.Contains(MessagePartKind.Coping, kinds);
        Assert.Contains(MessagePartKind.Exercise, kinds);
        Assert.Contains(MessagePartKind.Resource, kinds);
        Assert.DoesNotContain(MessagePartKind.Crisis, kinds);
        var view = await mark.Conversations.WaitFor(c => c.Themes.Length >= 3, "the conversation's themes");
        Assert.Equal(RiskLevel.Low, view.Risk);
        Assert.Subset(view.Themes.ToHashSet(), new HashSet<string> { Themes.Work, Themes.Relationship, Themes.Loneliness });
    }

    [Fact]
    public async Task Classify_answers_staff_and_admins_only_with_the_protocol_shape()
    {
        using var admin = HttpClients.For(Gateway.Url, adminKey: Gateway.AdminKey);
        var response = await admin.PostAsJsonAsync("/api/classify", new { text = "I keep thinking about killing myself" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var analysis = (await response.Content.ReadFromJsonAsync<ClassifyResponse>(ProtocolJson.Options))!;
        Assert.True(analysis.RedFlag);
        Assert.True(analysis.Risk.Level >= RiskLevel.High);
        Assert.Equal(5, analysis.Risk.Scores.Count);

        var supporter = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Jake", []);
        using var staff = HttpClients.For(Gateway.Url, bearer: supporter.Token);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync("/api/classify", new { text = "hello" })).StatusCode);

        await using var seeker = await SeekerClient.Connect(Gateway.Url);
        using var seekerHttp = HttpClients.For(Gateway.Url, bearer: seeker.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await seekerHttp.PostAsJsonAsync("/api/classify", new { text = "hello" })).StatusCode);
        using var anonymous = HttpClients.For(Gateway.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/classify", new { text = "hello" })).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/classify", new { text = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/classify", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await admin.PostAsJsonAsync("/api/classify", new { text = new string('a', 4001) })).StatusCode);
    }
}
