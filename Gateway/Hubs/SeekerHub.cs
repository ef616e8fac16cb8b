using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Delivery;

namespace StoriBoard.Gateway.Hubs;

/// <summary>/hubs/seeker: an anonymous help-seeker's conversations (PROTOCOL.md).</summary>
[Authorize(Policy = Policies.Seeker)]
public sealed class SeekerHub(
    IGrainFactory grains, HostConnections connections, UserConnections users, IOptions<ConversationOptions> limits,
    IOptions<CheckInOptions> checkIns, ILogger<SeekerHub> logger) : Hub
{
    private Participant Me => Participant.Seeker(Context.UserIdentifier!);

    public override async Task OnConnectedAsync()
    {
        users.Admit(Context);
        try
        {
            await connections.Connected(Me);
        }
        catch
        {
            // A connection refused here never reaches OnDisconnected: give its place back now.
            users.Release(Context);
            throw;
        }

        await GiveWaitingCheckIn();
    }

    /// <summary>A check-in that came while no page was open is given on connecting; a failure here never refuses the connection.</summary>
    private async Task GiveWaitingCheckIn()
    {
        try
        {
            if (await CheckIns.Pending() is { } checkIn)
            {
                await Clients.Caller.SendAsync(ClientMethods.CheckIn, checkIn);
            }
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "A waiting check-in could not be given on connecting; the page asks for it with Continuity");
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (users.Release(Context))
        {
            await connections.Disconnected(Me);
        }
    }

    public Task<ConversationView> StartConversation() =>
        grains.GetGrain<IHelpSeekerGrain>(Me.Id).StartConversation();

    // Every argument is checked before a grain is called: HubArguments refuses what is malformed.
    public Task<MessageView> Send(string conversationId, string? clientMessageId, string text)
    {
        var conversation = Conversation(conversationId);
        return conversation.Send(Me, clientMessageId, HubArguments.Message(limits.Value, clientMessageId, text));
    }

    public Task<ConversationView> RequestPeer(string conversationId) =>
        Conversation(conversationId).RequestPeer(Me);

    public Task<MessageView[]> History(string conversationId, long afterSeq)
    {
        var conversation = Conversation(conversationId);
        return conversation.History(Me, HubArguments.AfterSeq(afterSeq));
    }

    public Task<ConversationView> View(string conversationId) =>
        Conversation(conversationId).View(Me);

    public Task<ConversationView> End(string conversationId, int? rating)
    {
        var conversation = Conversation(conversationId);
        HubArguments.Ending(limits.Value, rating, note: null);
        return conversation.End(Me, rating, note: null);
    }

    /// <summary>A new return key, shown once; it replaces any key saved before.</summary>
    public Task<string> SaveReturnKey() => grains.GetGrain<IReturnKeyGrain>(Me.Id).Save();

    /// <summary>The person's conversations still kept, newest first; each may be read again with History.</summary>
    public Task<ConversationView[]> MyConversations() => PastConversations.Of(grains, Me);

    public Task<ConversationView> RequestPeerAgain(string conversationId) =>
        Conversation(conversationId).RequestPeerAgain(Me);

    public async Task<ContinuityView> Continuity() =>
        new(await Plan.View(Me, conversationId: null), await CheckIns.Next(), await CheckIns.Pending());

    public Task<PlanView> ProposePlanStep(string conversationId, string text, string? when)
    {
        var id = HubArguments.ConversationId(conversationId);
        return Plan.Propose(Me, id, PlanRules.StepText(text), PlanRules.When(when));
    }

    public Task<PlanView> AcceptPlanStep(string conversationId, string stepId)
    {
        var id = HubArguments.ConversationId(conversationId);
        return Plan.Accept(Me, id, PlanRules.Id(stepId, "stepId"));
    }

    public Task<PlanView> MarkPlanStep(string stepId, string progress, string? text) =>
        Plan.Progress(ContinuityArguments.Answers([new StepAnswerArgument(stepId, progress, text)]));

    public Task<PlanView> SetFollowUp(bool allow) => Plan.Consent(allow);

    public Task<CheckInSchedule> ScheduleCheckIn(string timeZone, int inDays, string timeOfDay) =>
        CheckIns.Schedule(ContinuityArguments.Time(checkIns, timeZone, inDays, timeOfDay));

    public Task CancelCheckIn() => CheckIns.Cancel();

    public Task<CheckInAnswered> AnswerCheckIn(string checkInId, int mood, StepAnswerArgument[]? steps, string? text)
    {
        PlanRules.Id(checkInId, "checkInId");
        PlanRules.Mood(mood);
        var answers = ContinuityArguments.Answers(steps);
        if (!string.IsNullOrWhiteSpace(text))
        {
            HubArguments.Message(limits.Value, clientMessageId: null, text);
        }

        return CheckIns.Answer(checkInId, mood, answers, text);
    }

    private IPlanGrain Plan => grains.GetGrain<IPlanGrain>(Me.Id);

    private ICheckInGrain CheckIns => grains.GetGrain<ICheckInGrain>(Me.Id);

    private IConversationGrain Conversation(string conversationId) =>
        grains.GetGrain<IConversationGrain>(HubArguments.ConversationId(conversationId));
}
