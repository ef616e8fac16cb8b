using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Audit;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Delivery;

namespace StoriBoard.Gateway.Hubs;

/// <summary>/hubs/supporter: peer supporters and supervisors (PROTOCOL.md).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SupporterHub(
    IGrainFactory grains, HostConnections connections, UserConnections users, IOptions<ConversationOptions> limits,
    AuditLog audit) : Hub
{
    private Participant Me => new(
        Context.User!.IsInRole(Roles.Supervisor) ? Role.Supervisor : Role.Supporter, Context.UserIdentifier!);

    private ISupporterGrain Supporter => grains.GetGrain<ISupporterGrain>(Me.Id);

    public override async Task OnConnectedAsync()
    {
        users.Admit(Context);
        var attached = false;
        try
        {
            await connections.Connected(Me);
            attached = true;

            foreach (var screen in await StaffScreen.Current(grains, Me))
            {
                await Clients.Caller.SendAsync(screen.Method, screen.Payload);
            }
        }
        catch
        {
            // A connection refused here never reaches OnDisconnected: give its place back and detach now.
            users.Release(Context);
            if (attached)
            {
                await connections.Disconnected(Me).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            throw;
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (users.Release(Context))
        {
            await connections.Disconnected(Me);
        }
    }

    // Every argument is checked before a grain is called: HubArguments refuses what is malformed.
    public Task<SupporterView> SetAvailability(string status) => Supporter.SetAvailability(HubArguments.Availability(status));

    public Task<ConversationView> Accept(string offerId) => Supporter.Accept(HubArguments.OfferId(offerId));

    public Task Decline(string offerId) => Supporter.Decline(HubArguments.OfferId(offerId));

    public Task<MessageView> Send(string conversationId, string? clientMessageId, string text)
    {
        var conversation = Conversation(conversationId);
        return conversation.Send(Me, clientMessageId, HubArguments.Message(limits.Value, clientMessageId, text));
    }

    public Task<MessageView[]> History(string conversationId, long afterSeq)
    {
        var conversation = Conversation(conversationId);
        return conversation.History(Me, HubArguments.AfterSeq(afterSeq));
    }

    public Task<ConversationView> View(string conversationId) =>
        Conversation(conversationId).View(Me);

    /// <summary>The supervisors' live floor; from then on the caller gets the Floor event while connected.</summary>
    public Task<FloorView> Floor() => Me.Role == Role.Supervisor
        ? grains.GetGrain<IFloorGrain>(0).Watch(Me.Id)
        : throw HelplineException.Forbidden("Only supervisors can see the floor.");

    public Task<ConversationView> End(string conversationId, string? note)
    {
        var conversation = Conversation(conversationId);
        HubArguments.Ending(limits.Value, rating: null, note);
        return conversation.End(Me, rating: null, note);
    }

    /// <summary>Who changed a risk, and to what, goes to the audit log; the reason stays with the conversation.</summary>
    public async Task<ConversationView> SetRisk(string conversationId, string level, string reason)
    {
        var conversation = Conversation(conversationId);
        var view = await conversation.SetRisk(Me, HubArguments.Level(level), HubArguments.Reason(reason));
        await audit.Record(Me.Id, AuditActions.RiskChanged, view.ConversationId, view.Risk.ToString().ToLowerInvariant());
        return view;
    }

    public async Task<PlanView> ProposePlanStep(string conversationId, string text, string? when)
    {
        var id = HubArguments.ConversationId(conversationId);
        var (step, stepWhen) = (PlanRules.StepText(text), PlanRules.When(when));
        var context = await Conversation(id).PlanContext(Me);
        return await grains.GetGrain<IPlanGrain>(context.SeekerId).Propose(Me, id, step, stepWhen);
    }

    /// <summary>The plan of the person in one of this supporter's chats.</summary>
    public async Task<PlanView> Plan(string conversationId)
    {
        var id = HubArguments.ConversationId(conversationId);
        var context = await Conversation(id).PlanContext(Me);
        return await grains.GetGrain<IPlanGrain>(context.SeekerId).View(Me, id);
    }

    public Task<SupportedPersonView[]> PeopleISupport() => grains.GetGrain<ISupportedPeopleGrain>(Me.Id).List();

    public Task<SupportedPersonView> LeaveEncouragement(string personId, string text)
    {
        var person = PlanRules.Id(personId, "personId");
        return grains.GetGrain<ISupportedPeopleGrain>(Me.Id).LeaveNote(person, PlanRules.NoteText(text));
    }

    // A supervisor steps in (docs/protocol.md, "A supervisor steps in"): each step is refused to anyone else, and each
    // one done is audited, by whom and to which conversation, never with any text.
    public async Task<MessageView[]> Transcript(string conversationId)
    {
        var (supervisor, id) = Supervising(conversationId);
        var transcript = await grains.GetGrain<IConversationGrain>(id).Transcript(supervisor);
        await audit.Record(supervisor.Id, AuditActions.TranscriptRead, id);
        return transcript;
    }

    public async Task<ConversationView> Join(string conversationId)
    {
        var (supervisor, id) = Supervising(conversationId);
        var me = await Supporter.View();
        var view = await grains.GetGrain<IConversationGrain>(id).Join(supervisor, me.DisplayName);
        await audit.Record(supervisor.Id, AuditActions.Joined, id);
        return view;
    }

    public async Task<ConversationView> Leave(string conversationId)
    {
        var (supervisor, id) = Supervising(conversationId);
        var view = await grains.GetGrain<IConversationGrain>(id).Leave(supervisor);
        await audit.Record(supervisor.Id, AuditActions.Left, id);
        return view;
    }

    public async Task<MessageView> Whisper(string conversationId, string? clientMessageId, string text)
    {
        var (supervisor, id) = Supervising(conversationId);
        var message = HubArguments.Message(limits.Value, clientMessageId, text);
        var me = await Supporter.View();
        var stored = await grains.GetGrain<IConversationGrain>(id).Whisper(supervisor, me.DisplayName, clientMessageId, message);
        await audit.Record(supervisor.Id, AuditActions.Whispered, id);
        return stored;
    }

    public async Task<ConversationView> TakeOver(string conversationId)
    {
        var (supervisor, id) = Supervising(conversationId);
        var view = await Supporter.Appoint(id, supervisor);
        await audit.Record(supervisor.Id, AuditActions.TakenOver, id);
        return view;
    }

    public async Task<ConversationView> Reassign(string conversationId, string supporterId)
    {
        var (supervisor, id) = Supervising(conversationId);
        var to = HubArguments.SupporterId(supporterId);
        var view = await grains.GetGrain<ISupporterGrain>(to).Appoint(id, supervisor);
        await audit.Record(supervisor.Id, AuditActions.Reassigned, id, to);
        return view;
    }

    /// <summary>The caller, refused unless a supervisor, and the conversation id, refused when malformed.</summary>
    private (Participant Supervisor, string ConversationId) Supervising(string? conversationId)
    {
        var me = Me;
        if (me.Role != Role.Supervisor)
        {
            throw HelplineException.Forbidden("Only a supervisor can do this.");
        }

        return (me, HubArguments.ConversationId(conversationId));
    }

    private IConversationGrain Conversation(string conversationId) =>
        grains.GetGrain<IConversationGrain>(HubArguments.ConversationId(conversationId));
}
