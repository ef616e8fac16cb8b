using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// The plan, check-ins and following by consent through the real grains: the reminder, the plan's rules, consent
/// withdrawn, and answers that reach the safety path (a low mood asks for a peer; a red flag reaches a crisis-trained
/// supporter).
/// </summary>
[Collection(ContinuityCollection.Name)]
[Trait("Tier", "Cluster")]
public sealed class ContinuityGrainTests(ContinuityClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_check_in_comes_by_reminder_to_the_open_page_with_the_steps_and_the_supporters_note()
    {
        var chat = await PeerChat.Start(Grains);
        var step = await chat.AgreeOneStep();
        await Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId).LeaveNote(
            (await Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId).List()).Single().PersonId, "Rooting for you with Dan!");
        var page = await PageInbox.Open(Grains, chat.Seeker);

        var scheduled = await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        Assert.Equal(scheduled, await chat.CheckIns.Next());

        // Nothing asks the grain: only its reminder can bring the check-in.
        await Eventually.True(() => page.Of<CheckInView>(ClientMethods.CheckIn).Length > 0, "the check-in pushed to the page");
        var checkIn = page.Of<CheckInView>(ClientMethods.CheckIn).Single();
        Assert.Equal(step.StepId, Assert.Single(checkIn.Steps).StepId);
        Assert.Equal("Rooting for you with Dan!", checkIn.Note!.Text);
        Assert.Equal("Jake", checkIn.Note.From);
        Assert.Null(await chat.CheckIns.Next());
        Assert.Equal(checkIn.CheckInId, (await chat.CheckIns.Pending())!.CheckInId);

        var answered = await chat.CheckIns.Answer(checkIn.CheckInId, 4, [new StepAnswer(step.StepId, StepProgress.Done)], text: null);
        Assert.Null(answered.ConversationId);
        Assert.False(answered.PeerOffered);
        Assert.Null(await chat.CheckIns.Pending());
        Assert.Equal(StepProgress.Done, (await chat.Plan.Steps()).Single().Progress);
        Assert.Equal(4, Assert.Single(await chat.CheckIns.Moods()).Mood);
        var followed = Assert.Single(await Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId).List());
        Assert.Equal(StepProgress.Done, followed.Steps.Single().Progress);
        Assert.Equal(4, followed.Moods.Single().Mood);
        Assert.Null(followed.Note);

        await Refused(ErrorCodes.NotFound, () => chat.CheckIns.Answer(checkIn.CheckInId, 4, [], null));
    }

    [Fact]
    public async Task A_check_in_that_came_while_no_page_was_open_waits_for_the_next_connection()
    {
        var chat = await PeerChat.Start(Grains);
        await chat.AgreeOneStep();
        await chat.CheckIns.Schedule(new CheckInTime("America/New_York", 2, "08:30"));

        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in waiting");
        var first = (await chat.CheckIns.Pending())!;
        await Task.Delay(ContinuityClusterFixture.CheckInDelay);
        Assert.Equal(first.CheckInId, (await chat.CheckIns.Pending())!.CheckInId);
    }

    [Fact]
    public async Task The_plan_holds_one_to_five_steps_a_supporters_step_waits_for_the_person_and_progress_is_kept()
    {
        var chat = await PeerChat.Start(Grains);
        var page = await PageInbox.Open(Grains, chat.Supporter);

        var fromJake = (await chat.Plan.Propose(chat.Supporter, chat.ConversationId, "go for a short walk after lunch", null)).Steps.Single();
        Assert.False(fromJake.Accepted);
        Assert.Equal(Sender.Supporter, fromJake.ProposedBy);
        var own = (await chat.Plan.Propose(chat.Seeker, chat.ConversationId, "  text my sister  ", "Saturday")).Steps[1];
        Assert.True(own.Accepted);
        Assert.Equal("text my sister", own.Text);
        var accepted = await chat.Plan.Accept(chat.Seeker, chat.ConversationId, fromJake.StepId);
        Assert.True(accepted.Steps[0].Accepted);
        Assert.Equal("Jake", accepted.MadeWith);
        Assert.Null(accepted.FollowUp);
        await Eventually.True(() => page.Of<PlanView>(ClientMethods.Plan).Any(p => p.Steps.Length == 2 && p.Steps.All(s => s.Accepted)),
            "the supporter to see the plan change live");

        for (var i = 3; i <= 5; i++)
        {
            await chat.Plan.Propose(chat.Seeker, chat.ConversationId, $"step {i}", null);
        }

        var before = await chat.Plan.Steps();
        await Refused(ErrorCodes.Conflict, () => chat.Plan.Propose(chat.Seeker, chat.ConversationId, "a sixth step", null));
        await Refused(ErrorCodes.Invalid, () => chat.Plan.Propose(chat.Seeker, chat.ConversationId, "   ", null));
        await Refused(ErrorCodes.TooLarge, () => chat.Plan.Propose(chat.Seeker, chat.ConversationId, new string('a', 201), null));
        await Refused(ErrorCodes.NotFound, () => chat.Plan.Accept(chat.Seeker, chat.ConversationId, "nosuchstep"));
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.Accept(chat.Supporter, chat.ConversationId, fromJake.StepId));
        await Refused(ErrorCodes.NotFound, () => chat.Plan.Progress([new StepAnswer("nosuchstep", StepProgress.Done)]));
        Assert.Equal(before, await chat.Plan.Steps());

        var changed = await chat.Plan.Progress([
            new StepAnswer(fromJake.StepId, StepProgress.Done),
            new StepAnswer(own.StepId, StepProgress.Changed, "call my sister instead"),
        ]);
        Assert.Equal(StepProgress.Done, changed.Steps[0].Progress);
        Assert.Equal(("call my sister instead", StepProgress.Changed), (changed.Steps[1].Text, changed.Steps[1].Progress));

        // Every step done: the next one starts a new plan.
        await chat.Plan.Progress([.. changed.Steps.Select(s => new StepAnswer(s.StepId, StepProgress.Done))]);
        Assert.Single((await chat.Plan.Propose(chat.Seeker, chat.ConversationId, "a new start", null)).Steps);
    }

    [Fact]
    public async Task Nobody_makes_a_plan_in_someone_elses_conversation()
    {
        var chat = await PeerChat.Start(Grains);
        var other = await PeerChat.Start(Grains, "Sam");

        // Another person's conversation, named against this person's plan, or by a supporter not in it.
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.Propose(chat.Seeker, other.ConversationId, "a step", null));
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.Propose(other.Supporter, chat.ConversationId, "a step", null));
        await Refused(ErrorCodes.Forbidden, () => other.Plan.Propose(other.Seeker, chat.ConversationId, "a step", null));
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.View(other.Supporter, chat.ConversationId));
        await Refused(ErrorCodes.Invalid, () => chat.Plan.Propose(chat.Seeker, "not-an-id!", "a step", null));
        Assert.Empty(await chat.Plan.Steps());
        Assert.Empty(await other.Plan.Steps());

        // A supporter proposes only while the chat is on.
        await chat.Conversation.End(chat.Seeker, 5, null);
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.Propose(chat.Supporter, chat.ConversationId, "a step", null));
    }

    [Fact]
    public async Task Consent_withdrawn_hides_the_person_and_refuses_notes()
    {
        var chat = await PeerChat.Start(Grains);
        await chat.AgreeOneStep();
        var people = Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId);
        var person = Assert.Single(await people.List());
        await people.LeaveNote(person.PersonId, "Good luck with Dan");

        var withdrawn = await chat.Plan.Consent(false);
        Assert.False(withdrawn.FollowUp);
        Assert.Empty(await people.List());
        await Refused(ErrorCodes.NotFound, () => people.LeaveNote(person.PersonId, "Still thinking of you"));
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.LeaveNote(chat.SupporterId, "Still thinking of you"));
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.LeaveNote(Guid.NewGuid().ToString("N"), "I am not their supporter"));

        // The note left before is not carried either.
        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "morning"));
        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in");
        Assert.Null((await chat.CheckIns.Pending())!.Note);
    }

    [Fact]
    public async Task A_note_needs_consent_and_is_at_most_500_characters()
    {
        var chat = await PeerChat.Start(Grains);
        await chat.AgreeOneStep(consent: false);
        await Refused(ErrorCodes.Forbidden, () => chat.Plan.LeaveNote(chat.SupporterId, "Good luck"));
        Assert.Empty(await Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId).List());

        await chat.Plan.Consent(true);
        var people = Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId);
        var person = Assert.Single(await people.List());
        await Refused(ErrorCodes.TooLarge, () => people.LeaveNote(person.PersonId, new string('a', 501)));
        await Refused(ErrorCodes.Invalid, () => people.LeaveNote(person.PersonId, " "));
        await Refused(ErrorCodes.NotFound, () => people.LeaveNote("nosuchperson", "Good luck"));
        Assert.Null(Assert.Single(await people.List()).Note);
        Assert.Equal("Good luck", (await people.LeaveNote(person.PersonId, "Good luck")).Note);
    }

    [Fact]
    public async Task A_low_mood_at_a_check_in_asks_for_a_peer()
    {
        var chat = await PeerChat.Start(Grains);
        var step = await chat.AgreeOneStep();
        await chat.Conversation.End(chat.Seeker, 5, null);
        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in");
        var checkIn = (await chat.CheckIns.Pending())!;

        var answered = await chat.CheckIns.Answer(checkIn.CheckInId, 2, [new StepAnswer(step.StepId, StepProgress.NotYet)], null);

        Assert.True(answered.PeerOffered);
        var view = await Grains.GetGrain<IConversationGrain>(answered.ConversationId!).View(chat.Seeker);
        Assert.Equal(ConversationStatus.Waiting, view.Status);
        await People.OfferFor(Grains, chat.SupporterId, answered.ConversationId!);
        Assert.Equal(2, (await chat.CheckIns.Moods()).Single().Mood);
    }

    [Fact]
    public async Task A_red_flag_in_a_check_in_answer_reaches_a_crisis_trained_supporter()
    {
        var chat = await PeerChat.Start(Grains);
        await chat.AgreeOneStep();
        var crisis = await People.Supporter(Grains, "Priya", chat.Language, crisisTrained: true);
        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in");
        var checkIn = (await chat.CheckIns.Pending())!;

        var answered = await chat.CheckIns.Answer(checkIn.CheckInId, 3, [], "I'm going to kill myself tonight");

        var view = await Grains.GetGrain<IConversationGrain>(answered.ConversationId!).View(chat.Seeker);
        Assert.True(view.Risk.IsRedFlag());
        await People.OfferFor(Grains, crisis, answered.ConversationId!);
        Assert.Contains(await Grains.GetGrain<IRedFlagBoardGrain>(0).Open(), c => c.ConversationId == answered.ConversationId);
    }

    [Fact]
    public async Task Malformed_answers_and_times_are_refused_and_change_nothing()
    {
        var chat = await PeerChat.Start(Grains);
        var step = await chat.AgreeOneStep();
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Schedule(new CheckInTime("Mars/Olympus", 1, "evening")));
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Schedule(new CheckInTime("Europe/London", 0, "evening")));
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Schedule(new CheckInTime("Europe/London", 15, "evening")));
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "25:00")));
        Assert.Null(await chat.CheckIns.Next());

        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening"));
        await Eventually.True(async () => await chat.CheckIns.Pending() is not null, "the check-in");
        var checkIn = (await chat.CheckIns.Pending())!;
        await Refused(ErrorCodes.NotFound, () => chat.CheckIns.Answer("nosuchcheckin", 3, [], null));
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Answer(checkIn.CheckInId, 0, [], null));
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Answer(checkIn.CheckInId, 6, [], null));
        await Refused(ErrorCodes.NotFound, () => chat.CheckIns.Answer(checkIn.CheckInId, 3, [new StepAnswer("nosuchstep", StepProgress.Done)], null));
        await Refused(ErrorCodes.Invalid, () => chat.CheckIns.Answer(checkIn.CheckInId, 3, [new StepAnswer(step.StepId, StepProgress.Changed)], null));
        Assert.Equal(checkIn.CheckInId, (await chat.CheckIns.Pending())!.CheckInId);
        Assert.Empty(await chat.CheckIns.Moods());
        Assert.Equal(StepProgress.Open, (await chat.Plan.Steps()).Single().Progress);
    }

    [Fact]
    public async Task Erasing_the_person_erases_their_plan_check_ins_and_their_place_in_a_supporters_list()
    {
        var chat = await PeerChat.Start(Grains);
        await chat.AgreeOneStep();
        await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 3, "evening"));

        await Grains.GetGrain<IHelpSeekerGrain>(chat.SeekerId).Erase();

        Assert.Empty(await chat.Plan.Steps());
        Assert.Null(await chat.CheckIns.Next());
        await Eventually.True(async () => (await Grains.GetGrain<ISupportedPeopleGrain>(chat.SupporterId).List()).Length == 0,
            "the person gone from the supporter's list");
        await Refused(ErrorCodes.NotFound, () => chat.CheckIns.Schedule(new CheckInTime("Europe/London", 1, "evening")));
    }

    [Fact]
    public async Task A_flood_of_changes_is_refused_past_the_message_limit()
    {
        var chat = await PeerChat.Start(Grains);
        var limit = new ConversationOptions().MessagesPerWindow;
        for (var i = 0; i < limit; i++)
        {
            await chat.CheckIns.Schedule(new CheckInTime("Europe/London", 3, "evening"));
        }

        var before = await chat.CheckIns.Next();
        await Refused(ErrorCodes.RateLimited, () => chat.CheckIns.Schedule(new CheckInTime("Europe/London", 5, "morning")));
        Assert.Equal(before, await chat.CheckIns.Next());
    }

    private static async Task Refused(string code, Func<Task> call) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<HelplineException>(call)).Code);
}
