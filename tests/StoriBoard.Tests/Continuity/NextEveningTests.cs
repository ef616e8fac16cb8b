using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// Where the plan, the check-in and the supporter's list meet after the chat is over: a note the supporter leaves while
/// a check-in already waits still reaches the person with it, and the supporter who follows the plan is shown its
/// progress as it happens, but only while the person lets them.
/// </summary>
[Collection(ContinuityCollection.Name)]
[Trait("Tier", "Cluster")]
public sealed class NextEveningTests(ContinuityClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_note_left_after_the_check_in_came_reaches_the_person_with_it()
    {
        var chat = await PeerChat.Start(Grains);
        await chat.AgreeOneStep();
        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in waiting");
        var came = (await chat.CheckIns.Pending())!;
        Assert.Null(came.Note);

        var people = Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId);
        await people.LeaveNote(Assert.Single(await people.List()).PersonId, "Dan will be glad to hear from you.");

        // The same check-in, now with the note; the note is no longer waiting for a later one.
        var waiting = (await chat.CheckIns.Pending())!;
        Assert.Equal(came.CheckInId, waiting.CheckInId);
        Assert.Equal("Dan will be glad to hear from you.", waiting.Note!.Text);
        Assert.Equal("Jake", waiting.Note.From);
        Assert.Null(Assert.Single(await people.List()).Note);
        Assert.Equal(waiting.Note, (await chat.CheckIns.Pending())!.Note);
    }

    [Fact]
    public async Task The_supporter_who_follows_the_plan_is_shown_its_progress_and_nothing_once_consent_is_withdrawn()
    {
        var chat = await PeerChat.Start(Grains);
        var step = await chat.AgreeOneStep(consent: false);
        await chat.Conversation.End(chat.Seeker, 4, null);
        var console = await PageInbox.Open(Grains, chat.Supporter);

        // Consent given after the chat ended: the supporter's page is told at once.
        await chat.Plan.Consent(true);
        await Eventually.True(() => console.Of<PlanView>(ClientMethods.Plan).Any(p => p.FollowUp == true), "the consent pushed to the supporter");

        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in");
        await chat.CheckIns.Answer((await chat.CheckIns.Pending())!.CheckInId, 4, [new StepAnswer(step.StepId, StepProgress.Done)], null);
        await Eventually.True(
            () => console.Of<PlanView>(ClientMethods.Plan).Any(p => p.Steps.Single().Progress == StepProgress.Done), "the progress pushed");

        // Withdrawn: from then on no change of the plan reaches the supporter.
        await chat.Plan.Consent(false);
        var before = console.Events.Count;
        await chat.Plan.Progress([new StepAnswer(step.StepId, StepProgress.NotYet)]);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(before, console.Events.Count);
        Assert.DoesNotContain(console.Of<PlanView>(ClientMethods.Plan), p => p.Steps.Single().Progress == StepProgress.NotYet);
    }
}
