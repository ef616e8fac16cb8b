using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoriBoard.Continuity;

/// <summary>
/// A person's plan: at most five small steps in their own words, each proposed by them or their supporter and accepted
/// by them. Stored whole as grain state, so the words are encrypted at rest and expire with the retention setting.
/// </summary>
public sealed class PlanGrain(
    [PersistentState("plan", Storage.Name)] IPersistentState<PlanGrain.PlanState> state,
    IOptions<ConversationOptions> options,
    TimeProvider time,
    ILogger<PlanGrain> logger) : Grain, IPlanGrain
{
    private readonly FloodGuard _floodGuard = new(options.Value.MessagesPerWindow, options.Value.RateWindow, time);

    private string SeekerId => this.GetPrimaryKeyString();

    private PlanState Plan => state.State;

    public async Task<PlanView> Propose(Participant caller, string conversationId, string text, string? when)
    {
        var step = PlanRules.StepText(text);
        var stepWhen = PlanRules.When(when);
        PlanRules.RequireWithinRate(options.Value, _floodGuard, caller.Id);
        var context = await RequireConversation(caller, conversationId);
        if (caller.Role != Role.Seeker && context.Status != ConversationStatus.Peer)
        {
            throw HelplineException.Forbidden("A supporter proposes steps during the chat.");
        }

        // A plan whose every step is done is finished: the next step starts a new one.
        var fresh = Plan.Steps.Count > 0 && Plan.Steps.All(s => s.Progress == StepProgress.Done);
        if (!fresh && Plan.Steps.Count >= PlanRules.MaxSteps)
        {
            throw HelplineException.Conflict($"A plan has at most {PlanRules.MaxSteps} steps.");
        }

        if (fresh)
        {
            Plan.Steps.Clear();
        }

        var bySeeker = caller.Role == Role.Seeker;
        Plan.Steps.Add(new PlanStepView(
            Guid.NewGuid().ToString("N"), step, stepWhen, bySeeker ? Sender.Seeker : Sender.Supporter, bySeeker,
            StepProgress.Open, time.GetUtcNow()));
        await MadeIn(conversationId, context.Supporter);
        return await Saved(context);
    }

    public async Task<PlanView> Accept(Participant caller, string conversationId, string stepId)
    {
        PlanRules.Id(stepId, "stepId");
        if (caller.Role != Role.Seeker)
        {
            throw HelplineException.Forbidden("Only the help-seeker can accept a step.");
        }

        var context = await RequireConversation(caller, conversationId);
        var index = IndexOf(stepId);
        PlanRules.RequireWithinRate(options.Value, _floodGuard, caller.Id);
        if (!Plan.Steps[index].Accepted)
        {
            Plan.Steps[index] = Plan.Steps[index] with { Accepted = true };
            await MadeIn(conversationId, context.Supporter);
        }

        return await Saved(context);
    }

    public async Task<PlanView> Progress(StepAnswer[] answers)
    {
        answers = PlanRules.Answers(answers);
        var indexes = answers.Select(a => IndexOf(a.StepId)).ToArray();
        PlanRules.RequireWithinRate(options.Value, _floodGuard, SeekerId);
        for (var i = 0; i < answers.Length; i++)
        {
            var step = Plan.Steps[indexes[i]];
            Plan.Steps[indexes[i]] = answers[i].Progress == StepProgress.Changed
                ? step with { Text = answers[i].Text!, Progress = StepProgress.Changed, Accepted = true }
                : step with { Progress = answers[i].Progress };
        }

        return await Saved(context: null);
    }

    public async Task<PlanView> View(Participant caller, string? conversationId)
    {
        if (caller.Role != Role.Seeker || conversationId is not null)
        {
            await RequireConversation(caller, conversationId ?? throw HelplineException.Invalid("conversationId is missing."));
        }

        return ToView();
    }

    public async Task<PlanView> Consent(bool allow)
    {
        if (Plan.MadeWith is not { } supporter)
        {
            throw HelplineException.Conflict("There is no supporter to follow this plan: it was not made in a chat with one.");
        }

        PlanRules.RequireWithinRate(options.Value, _floodGuard, SeekerId);

        if (allow && Plan.FollowUp != true)
        {
            await GrainFactory.GetGrain<ISupportedPeopleGrain>(supporter.SupporterId).Follow(SeekerId);
        }
        else if (!allow && Plan.FollowUp == true)
        {
            await GrainFactory.GetGrain<ISupportedPeopleGrain>(supporter.SupporterId).Unfollow(SeekerId);
        }

        Plan.FollowUp = allow;
        if (!allow)
        {
            Plan.Note = null;
        }

        return await Saved(context: null);
    }

    public async Task LeaveNote(string supporterId, string text)
    {
        var note = PlanRules.NoteText(text);
        if (Plan.FollowUp != true || Plan.MadeWith?.SupporterId != supporterId)
        {
            throw HelplineException.Forbidden("This person has not allowed you to follow their plan.");
        }

        PlanRules.RequireWithinRate(options.Value, _floodGuard, supporterId);
        Plan.Note = new Encouragement(note, Plan.MadeWith.DisplayName, time.GetUtcNow());
        await state.WriteStateAsync();
    }

    public async Task<Encouragement?> TakeNote()
    {
        if (Plan.Note is not { } note)
        {
            return null;
        }

        Plan.Note = null;
        await state.WriteStateAsync();
        return Plan.FollowUp == true ? note : null;
    }

    public async Task<SupportedPersonView?> AsFollowedBy(string supporterId, string personId)
    {
        if (Plan.FollowUp != true || Plan.MadeWith?.SupporterId != supporterId)
        {
            return null;
        }

        var moods = await GrainFactory.GetGrain<ICheckInGrain>(SeekerId).Moods();
        return new SupportedPersonView(
            personId, [.. Plan.Steps], moods, moods.Length > 0 ? moods[^1].At : null, Plan.Note?.Text);
    }

    public Task<PlanStepView[]> Steps() => Task.FromResult(Plan.Steps.ToArray());

    public async Task Erase()
    {
        if (Plan.FollowUp == true && Plan.MadeWith is { } supporter)
        {
            await GrainFactory.GetGrain<ISupportedPeopleGrain>(supporter.SupporterId).Unfollow(SeekerId);
        }

        await state.ClearStateAsync();
        state.State = new PlanState();
        DeactivateOnIdle();
    }

    /// <summary>The conversation is the person's own, and the caller one of its participants.</summary>
    private async Task<ConversationPlanContext> RequireConversation(Participant caller, string conversationId)
    {
        PlanRules.Id(conversationId, "conversationId");
        var context = await GrainFactory.GetGrain<IConversationGrain>(conversationId).PlanContext(caller);
        return context.SeekerId == SeekerId
            ? context
            : throw HelplineException.Forbidden("This conversation is not part of this plan.");
    }

    /// <summary>
    /// The supporter of the chat a plan is made in becomes the one who may follow it. Another supporter asks again:
    /// consent given to one person is not handed to the next.
    /// </summary>
    private async Task MadeIn(string conversationId, SupporterSummary? supporter)
    {
        Plan.ConversationId = conversationId;
        if (supporter is null || supporter.SupporterId == Plan.MadeWith?.SupporterId)
        {
            return;
        }

        if (Plan.FollowUp == true && Plan.MadeWith is { } before)
        {
            await GrainFactory.GetGrain<ISupportedPeopleGrain>(before.SupporterId).Unfollow(SeekerId);
        }

        Plan.MadeWith = supporter;
        Plan.FollowUp = null;
        Plan.Note = null;
    }

    private int IndexOf(string stepId)
    {
        var index = Plan.Steps.FindIndex(s => s.StepId == stepId);
        return index >= 0 ? index : throw HelplineException.NotFound("This step");
    }

    /// <summary>Stored, then shown to the person and to the supporter of the chat it changed in, or who follows it.</summary>
    private async Task<PlanView> Saved(ConversationPlanContext? context)
    {
        await state.WriteStateAsync();
        var view = ToView();
        await Deliver(Participant.Seeker(SeekerId), view);
        if (context?.Supporter is { } supporter && context.Status == ConversationStatus.Peer)
        {
            await Deliver(Participant.Supporter(supporter.SupporterId), view);
        }
        else if (Plan.FollowUp == true && Plan.MadeWith is { } follower)
        {
            // The supporter the person lets follow the plan sees consent and progress in "People I support" at once.
            await Deliver(Participant.Supporter(follower.SupporterId), view);
        }

        return view;
    }

    /// <summary>A push that fails is not lost: the plan is stored, and pages read it again when they connect.</summary>
    private async Task Deliver(Participant participant, PlanView view)
    {
        try
        {
            await GrainFactory.GetGrain<IInboxGrain>(participant.InboxKey).Deliver(ClientEvent.Plan(view));
        }
        catch (Exception exception) when (exception is not HelplineException)
        {
            logger.LogWarning(exception, "Push of a plan to {Inbox} failed; the page reads it again when it connects", participant.InboxKey);
        }
    }

    private PlanView ToView() => new([.. Plan.Steps], Plan.ConversationId, Plan.MadeWith?.DisplayName, Plan.MadeWith is null ? null : Plan.FollowUp);

    [GenerateSerializer, Alias("StoriBoard.PlanGrain.PlanState")]
    public sealed class PlanState
    {
        [Id(0)] public List<PlanStepView> Steps { get; set; } = [];
        [Id(1)] public string? ConversationId { get; set; }
        [Id(2)] public SupporterSummary? MadeWith { get; set; }
        [Id(3)] public bool? FollowUp { get; set; }
        [Id(4)] public Encouragement? Note { get; set; }
    }
}
