using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>
/// Mark's two days over real gateway processes on Redis: a plan made with Jake, a check-in that outlives a restart and
/// carries Jake's note, Jake following the progress, and Mark asking for Jake again. Then the same contract's bad input.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ContinuityTests(RedisServer redis)
{
    private static readonly Dictionary<string, string> ShortCheckIns = new()
    {
        ["StoriBoard__CheckIns__Delay"] = "00:00:04",
        ["StoriBoard__CheckIns__RetryPeriod"] = "00:00:02",
    };

    [Fact]
    public async Task Mark_makes_a_plan_with_Jake_answers_a_check_in_after_a_restart_and_gets_Jake_again()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString, Environment = ShortCheckIns };
        string conversationId, stepId;
        SupporterCreated jakeAccount;
        string markToken;
        await using (var gateway = await GatewayProcess.Start(settings))
        {
            jakeAccount = await SupporterClient.Register(gateway.Url, gateway.AdminKey, "Jake", [Themes.Work]);
            await using var jake = await SupporterClient.Connect(gateway.Url, jakeAccount);
            var jakePlans = new EventLog<PlanView>();
            jake.Hub.On<PlanView>(ClientMethods.Plan, jakePlans.Add);
            await using var mark = await SeekerClient.Connect(gateway.Url);
            var markPlans = new EventLog<PlanView>();
            mark.Hub.On<PlanView>(ClientMethods.Plan, markPlans.Add);
            markToken = mark.Token;

            conversationId = (await mark.StartConversation()).ConversationId;
            await mark.Send(conversationId, "I lost my job last month and I feel so alone");
            await mark.RequestPeer(conversationId);
            await jake.AcceptOfferOf(conversationId);

            // Jake proposes, Mark sees it proposed and accepts; both see the plan change live.
            var proposed = await jake.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, "message Dan from my old job about Thursday's meetup", "tomorrow");
            stepId = proposed.Steps.Single().StepId;
            await markPlans.WaitFor(p => p.Steps.Any(s => s.StepId == stepId && !s.Accepted), "Mark to see Jake's step proposed");
            await mark.Hub.InvokeAsync<PlanView>("AcceptPlanStep", conversationId, stepId);
            await jakePlans.WaitFor(p => p.Steps.Any(s => s.StepId == stepId && s.Accepted), "Jake to see the step accepted");
            var consented = await mark.Hub.InvokeAsync<PlanView>("SetFollowUp", true);
            Assert.Equal(("Jake", true), (consented.MadeWith, consented.FollowUp));

            var person = Assert.Single(await jake.Hub.InvokeAsync<SupportedPersonView[]>("PeopleISupport"));
            await jake.Hub.InvokeAsync<SupportedPersonView>("LeaveEncouragement", person.PersonId, "You've got this. Dan will be glad to hear from you.");
            await mark.End(conversationId, 5);

            var scheduled = await mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/London", 1, "evening");
            Assert.InRange(scheduled.At, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(10));
        }

        await using var restarted = await GatewayProcess.Start(settings.Another());
        var checkIns = new EventLog<CheckInView>();
        await using var markAgain = ProtocolJson.Hub(restarted.Url, "/hubs/seeker", markToken);
        markAgain.On<CheckInView>(ClientMethods.CheckIn, checkIns.Add);
        await markAgain.StartAsync();

        var checkIn = await checkIns.WaitFor(c => c.Steps.Any(s => s.StepId == stepId), "the check-in after the restart", TimeSpan.FromSeconds(30));
        Assert.Equal("Jake", checkIn.Note!.From);
        Assert.Equal("You've got this. Dan will be glad to hear from you.", checkIn.Note.Text);
        var continuity = await markAgain.InvokeAsync<ContinuityView>("Continuity");
        Assert.Equal(checkIn.CheckInId, continuity.CheckIn!.CheckInId);
        Assert.Null(continuity.NextCheckIn);

        var answered = await markAgain.InvokeAsync<CheckInAnswered>(
            "AnswerCheckIn", checkIn.CheckInId, 4, new[] { new { stepId, progress = "done" } }, null);
        Assert.False(answered.PeerOffered);
        Assert.Null((await markAgain.InvokeAsync<ContinuityView>("Continuity")).CheckIn);

        await using var jakeAgain = await SupporterClient.Connect(restarted.Url, jakeAccount);
        var followed = Assert.Single(await jakeAgain.Hub.InvokeAsync<SupportedPersonView[]>("PeopleISupport"));
        Assert.Equal(StepProgress.Done, followed.Steps.Single().Progress);
        Assert.Equal(4, followed.Moods.Single().Mood);

        // Sam shares Mark's experience and is free, but Mark asks for Jake: the offer goes to Jake alone.
        await using var sam = await SupporterClient.Create(restarted.Url, restarted.AdminKey, "Sam", [Themes.Work, Themes.Loneliness]);
        var second = await markAgain.InvokeAsync<ConversationView>("StartConversation");
        var waiting = await markAgain.InvokeAsync<ConversationView>("RequestPeerAgain", second.ConversationId);
        Assert.Equal(ConversationStatus.Waiting, waiting.Status);
        var offer = await jakeAgain.Offers.WaitFor(o => o.ConversationId == second.ConversationId, "the offer to Jake");
        Assert.Contains("was asked for again by this person", offer.Reasons);
        Assert.Contains(offer.Handoff!.Plan!, s => s.StepId == stepId && s.Progress == StepProgress.Done);

        // The card tells Jake of Mark's week: one mood is too little for a trend, so it says nothing of his mood.
        Assert.Equal((2, null, "Europe/London"), (offer.Handoff.Pattern!.ConversationsThisWeek, offer.Handoff.Pattern.MoodTrend, offer.Handoff.Pattern.TimeZone));
        Assert.Equal(4, Assert.Single(offer.Handoff.Pattern.Moods).Mood);
        Assert.EndsWith("\nSecond conversation in the last 7 days.", offer.Handoff.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(sam.Offers.Items, o => o.ConversationId == second.ConversationId);
        Assert.Equal("Jake", (await jakeAgain.Accept(offer.OfferId)).Supporter!.DisplayName);
    }

    [Fact]
    public async Task Bad_plan_and_check_in_input_is_refused_and_changes_nothing()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString, Environment = ShortCheckIns });
        await using var jake = await SupporterClient.Create(gateway.Url, gateway.AdminKey, "Jake", [Themes.Work]);
        await using var mark = await SeekerClient.Connect(gateway.Url);
        await using var stranger = await SeekerClient.Connect(gateway.Url);
        var conversationId = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversationId, "I lost my job last month and I feel so alone");
        await mark.RequestPeer(conversationId);
        await jake.AcceptOfferOf(conversationId);

        await Refused("invalid", () => mark.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, "", null));
        await Refused("too_large", () => mark.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, new string('x', 201), null));
        await Refused("too_large", () => mark.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, "a walk", new string('x', 81)));
        await Refused("invalid", () => mark.Hub.InvokeAsync<PlanView>("ProposePlanStep", "../etc", "a walk", null));
        await Refused("forbidden", () => stranger.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, "let me in", null));
        await Refused("not_found", () => mark.Hub.InvokeAsync<PlanView>("AcceptPlanStep", conversationId, "0123456789abcdef"));
        await Refused("invalid", () => mark.Hub.InvokeAsync<PlanView>("MarkPlanStep", "0123456789abcdef", "finished", null));
        await Refused("conflict", () => mark.Hub.InvokeAsync<PlanView>("SetFollowUp", true));
        for (var i = 1; i <= 5; i++)
        {
            await mark.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, $"step {i}", null);
        }

        await Refused("conflict", () => jake.Hub.InvokeAsync<PlanView>("ProposePlanStep", conversationId, "a sixth step", null));
        Assert.Equal(5, (await jake.Hub.InvokeAsync<PlanView>("Plan", conversationId)).Steps.Length);

        // Jake may not follow Mark, nor leave him a note, until Mark allows it.
        Assert.Empty(await jake.Hub.InvokeAsync<SupportedPersonView[]>("PeopleISupport"));
        await Refused("not_found", () => jake.Hub.InvokeAsync<SupportedPersonView>("LeaveEncouragement", "0123456789abcdef", "hi"));
        await Refused("invalid", () => jake.Hub.InvokeAsync<SupportedPersonView>("LeaveEncouragement", "not an id", "hi"));

        await Refused("invalid", () => mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Atlantis/Capital", 1, "evening"));
        await Refused("invalid", () => mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/London", 0, "evening"));
        await Refused("invalid", () => mark.Hub.InvokeAsync<CheckInSchedule>("ScheduleCheckIn", "Europe/London", 1, "midnight-ish"));
        Assert.Null((await mark.Hub.InvokeAsync<ContinuityView>("Continuity")).NextCheckIn);
        await Refused("not_found", () => mark.Hub.InvokeAsync<CheckInAnswered>("AnswerCheckIn", "0123456789abcdef", 3, Array.Empty<object>(), null));
        await Refused("invalid", () => mark.Hub.InvokeAsync<CheckInAnswered>("AnswerCheckIn", "0123456789abcdef", 9, Array.Empty<object>(), null));
        await Refused("invalid", () => mark.Hub.InvokeAsync<CheckInAnswered>(
            "AnswerCheckIn", "0123456789abcdef", 3, new[] { new { stepId = "abc", progress = "sort of" } }, null));
        await Refused("too_large", () => mark.Hub.InvokeAsync<CheckInAnswered>("AnswerCheckIn", "0123456789abcdef", 3, Array.Empty<object>(), new string('x', 4001)));
        var strangers = (await stranger.StartConversation()).ConversationId;
        await Refused("not_found", () => stranger.Hub.InvokeAsync<ConversationView>("RequestPeerAgain", strangers));
    }

    private static async Task Refused(string code, Func<Task> call) =>
        Assert.Contains($"{code}:", (await Assert.ThrowsAsync<HubException>(call)).Message);
}
