using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Delivery;

namespace StoriBoard.Gateway.Hubs;

/// <summary>/hubs/seeker: an anonymous help-seeker's conversations (PROTOCOL.md).</summary>
[Authorize(Policy = Policies.Seeker)]
public sealed class SeekerHub(IGrainFactory grains, HostConnections connections) : Hub
{
    private Participant Me => Participant.Seeker(Context.UserIdentifier!);

    public override Task OnConnectedAsync() => connections.Connected(Me);

    public override Task OnDisconnectedAsync(Exception? exception) => connections.Disconnected(Me);

    public Task<ConversationView> StartConversation() =>
        grains.GetGrain<IHelpSeekerGrain>(Me.Id).StartConversation();

    public Task<MessageView> Send(string conversationId, string? clientMessageId, string text) =>
        Conversation(conversationId).Send(Me, clientMessageId, text ?? string.Empty);

    public Task<ConversationView> RequestPeer(string conversationId) =>
        Conversation(conversationId).RequestPeer(Me);

    public Task<MessageView[]> History(string conversationId, long afterSeq) =>
        Conversation(conversationId).History(Me, afterSeq);

    public Task<ConversationView> View(string conversationId) =>
        Conversation(conversationId).View(Me);

    public Task<ConversationView> End(string conversationId, int? rating) =>
        Conversation(conversationId).End(Me, rating, note: null);

    private IConversationGrain Conversation(string conversationId) =>
        grains.GetGrain<IConversationGrain>(HubArguments.ConversationId(conversationId));
}
