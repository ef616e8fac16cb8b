using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Supervision;

/// <summary>The hub methods a supervisor steps in with, as any client calls them.</summary>
public static class SupervisorCalls
{
    public static Task<MessageView[]> Transcript(this SupporterClient client, string conversationId) =>
        client.Hub.InvokeAsync<MessageView[]>("Transcript", conversationId);

    public static Task<ConversationView> Join(this SupporterClient client, string conversationId) =>
        client.Hub.InvokeAsync<ConversationView>("Join", conversationId);

    public static Task<ConversationView> Leave(this SupporterClient client, string conversationId) =>
        client.Hub.InvokeAsync<ConversationView>("Leave", conversationId);

    public static Task<MessageView> Whisper(this SupporterClient client, string conversationId, string text, string? clientMessageId = null) =>
        client.Hub.InvokeAsync<MessageView>("Whisper", conversationId, clientMessageId ?? Guid.NewGuid().ToString("N"), text);

    public static Task<ConversationView> TakeOver(this SupporterClient client, string conversationId) =>
        client.Hub.InvokeAsync<ConversationView>("TakeOver", conversationId);

    public static Task<ConversationView> Reassign(this SupporterClient client, string conversationId, string supporterId) =>
        client.Hub.InvokeAsync<ConversationView>("Reassign", conversationId, supporterId);

    public static Task<SupporterView> Me(this SupporterClient client) =>
        client.Hub.InvokeAsync<SupporterView>("SetAvailability", "online");
}
