using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Delivery;

namespace StoriBoard.Gateway.Hubs;

/// <summary>/hubs/supporter: peer supporters and supervisors (PROTOCOL.md).</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SupporterHub(IGrainFactory grains, HostConnections connections) : Hub
{
    private Participant Me => new(
        Context.User!.IsInRole(Roles.Supervisor) ? Role.Supervisor : Role.Supporter, Context.UserIdentifier!);

    private ISupporterGrain Supporter => grains.GetGrain<ISupporterGrain>(Me.Id);

    public override async Task OnConnectedAsync()
    {
        await connections.Connected(Me);

        // A supporter (re)connecting sees the offers still open for them, and supervisors the open red flags.
        foreach (var offer in await Supporter.OpenOffers())
        {
            await Clients.Caller.SendAsync(ClientMethods.Offer, offer);
        }

        if (Me.Role == Role.Supervisor)
        {
            foreach (var redFlag in await grains.GetGrain<IRedFlagBoardGrain>(0).Open())
            {
                await Clients.Caller.SendAsync(ClientMethods.RedFlag, redFlag);
            }
        }
    }

    public override Task OnDisconnectedAsync(Exception? exception) => connections.Disconnected(Me);

    public Task<SupporterView> SetAvailability(string status) => Supporter.SetAvailability(status switch
    {
        "online" => Presence.Online,
        "away" => Presence.Away,
        "offline" => Presence.Offline,
        _ => throw HelplineException.Invalid("status is one of online, away, offline."),
    });

    public Task<ConversationView> Accept(string offerId) => Supporter.Accept(HubArguments.OfferId(offerId));

    public Task Decline(string offerId) => Supporter.Decline(HubArguments.OfferId(offerId));

    public Task<MessageView> Send(string conversationId, string? clientMessageId, string text) =>
        Conversation(conversationId).Send(Me, clientMessageId, text ?? string.Empty);

    public Task<MessageView[]> History(string conversationId, long afterSeq) =>
        Conversation(conversationId).History(Me, afterSeq);

    public Task<ConversationView> View(string conversationId) =>
        Conversation(conversationId).View(Me);

    public Task<ConversationView> End(string conversationId, string? note) =>
        Conversation(conversationId).End(Me, rating: null, note);

    public Task<ConversationView> SetRisk(string conversationId, string level, string reason) =>
        Conversation(conversationId).SetRisk(
            Me,
            RiskLevels.TryParse(level, out var risk) ? risk : throw HelplineException.Invalid("level is one of none, low, moderate, high, imminent."),
            reason);

    private IConversationGrain Conversation(string conversationId) =>
        grains.GetGrain<IConversationGrain>(HubArguments.ConversationId(conversationId));
}
