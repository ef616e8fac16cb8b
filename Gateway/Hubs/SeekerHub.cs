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
    IGrainFactory grains, HostConnections connections, UserConnections users, IOptions<ConversationOptions> limits) : Hub
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

    private IConversationGrain Conversation(string conversationId) =>
        grains.GetGrain<IConversationGrain>(HubArguments.ConversationId(conversationId));
}
