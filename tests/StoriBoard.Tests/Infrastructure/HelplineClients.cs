using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Tests.Infrastructure;

/// <summary>The protocol's JSON, as any client would configure it.</summary>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        HubSetup.UseProtocolJson(options);
        return options;
    }

    public static HubConnection Hub(Uri gateway, string path, string token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .AddJsonProtocol(o => HubSetup.UseProtocolJson(o.PayloadSerializerOptions))
            .Build();
}

/// <summary>An anonymous help-seeker speaking the public contract over real HTTP and SignalR.</summary>
public sealed class SeekerClient : IAsyncDisposable
{
    private SeekerClient(Uri gateway, SessionCreated session)
    {
        Gateway = gateway;
        UserId = session.UserId;
        Token = session.Token;
        Hub = ProtocolJson.Hub(gateway, "/hubs/seeker", Token);
        Hub.On<MessageView>(ClientMethods.Message, Messages.Add);
        Hub.On<ConversationView>(ClientMethods.Conversation, Conversations.Add);
    }

    public Uri Gateway { get; }

    public string UserId { get; }

    public string Token { get; }

    public HubConnection Hub { get; private set; }

    public EventLog<MessageView> Messages { get; } = new();

    public EventLog<ConversationView> Conversations { get; } = new();

    public static async Task<SeekerClient> Connect(Uri gateway, string region = "GB")
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var response = await http.PostAsJsonAsync("/api/sessions", new { language = "en", region });
        response.EnsureSuccessStatusCode();
        var client = new SeekerClient(gateway, (await response.Content.ReadFromJsonAsync<SessionCreated>(ProtocolJson.Options))!);
        await client.Hub.StartAsync();
        return client;
    }

    /// <summary>The same person on another device: a new token from their return key, and a connection with it.</summary>
    public static async Task<SeekerClient> Resume(Uri gateway, string returnKey)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var response = await http.PostAsJsonAsync("/api/sessions/resume", new { returnKey });
        response.EnsureSuccessStatusCode();
        var client = new SeekerClient(gateway, (await response.Content.ReadFromJsonAsync<SessionCreated>(ProtocolJson.Options))!);
        await client.Hub.StartAsync();
        return client;
    }

    /// <summary>A connection for a session opened some other way (a passkey).</summary>
    public static async Task<SeekerClient> Opened(Uri gateway, SessionCreated session)
    {
        var client = new SeekerClient(gateway, session);
        await client.Hub.StartAsync();
        return client;
    }

    public Task<string> SaveReturnKey() => Hub.InvokeAsync<string>("SaveReturnKey");

    public Task<ConversationView[]> MyConversations() => Hub.InvokeAsync<ConversationView[]>("MyConversations");

    public Task<ConversationView> StartConversation() => Hub.InvokeAsync<ConversationView>("StartConversation");

    public Task<MessageView> Send(string conversationId, string text, string? clientMessageId = null) =>
        Hub.InvokeAsync<MessageView>("Send", conversationId, clientMessageId ?? Guid.NewGuid().ToString("N"), text);

    public Task<ConversationView> RequestPeer(string conversationId) =>
        Hub.InvokeAsync<ConversationView>("RequestPeer", conversationId);

    public Task<MessageView[]> History(string conversationId, long afterSeq) =>
        Hub.InvokeAsync<MessageView[]>("History", conversationId, afterSeq);

    public Task<ConversationView> End(string conversationId, int? rating) =>
        Hub.InvokeAsync<ConversationView>("End", conversationId, rating);

    /// <summary>A new connection for the same person, as after a dropped network.</summary>
    public async Task Reconnect(Uri? gateway = null)
    {
        await Hub.DisposeAsync();
        Hub = ProtocolJson.Hub(gateway ?? Gateway, "/hubs/seeker", Token);
        Hub.On<MessageView>(ClientMethods.Message, Messages.Add);
        Hub.On<ConversationView>(ClientMethods.Conversation, Conversations.Add);
        await Hub.StartAsync();
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

/// <summary>A peer supporter (or supervisor) speaking the public contract.</summary>
public sealed class SupporterClient : IAsyncDisposable
{
    private SupporterClient(SupporterCreated created, HubConnection hub)
    {
        SupporterId = created.SupporterId;
        Token = created.Token;
        Hub = hub;
        Hub.On<OfferView>(ClientMethods.Offer, Offers.Add);
        Hub.On<string>(ClientMethods.OfferWithdrawn, WithdrawnOffers.Add);
        Hub.On<MessageView>(ClientMethods.Message, Messages.Add);
        Hub.On<ConversationView>(ClientMethods.Conversation, Conversations.Add);
        Hub.On<ConversationView>(ClientMethods.RedFlag, RedFlags.Add);
        Hub.On<MessageView>(ClientMethods.Analysis, Analyses.Add);
    }

    public string SupporterId { get; }

    public string Token { get; }

    public HubConnection Hub { get; }

    public EventLog<OfferView> Offers { get; } = new();

    public EventLog<string> WithdrawnOffers { get; } = new();

    public EventLog<MessageView> Messages { get; } = new();

    public EventLog<ConversationView> Conversations { get; } = new();

    public EventLog<ConversationView> RedFlags { get; } = new();

    /// <summary>Seeker messages of a peer chat, again with their analysis once judged.</summary>
    public EventLog<MessageView> Analyses { get; } = new();

    public static async Task<SupporterCreated> Register(
        Uri gateway, string adminKey, string name, string[] livedExperience, bool crisisTrained = false,
        int capacity = 3, string role = "supporter", string[]? languages = null)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        http.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        var response = await http.PostAsJsonAsync("/api/supporters", new
        {
            displayName = name,
            livedExperience,
            languages = languages ?? ["en"],
            crisisTrained,
            maxConcurrentChats = capacity,
            role,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SupporterCreated>(ProtocolJson.Options))!;
    }

    public static async Task<SupporterClient> Connect(Uri gateway, SupporterCreated created, bool online = true)
    {
        var client = new SupporterClient(created, ProtocolJson.Hub(gateway, "/hubs/supporter", created.Token));
        await client.Hub.StartAsync();
        if (online)
        {
            await client.SetAvailability("online");
        }

        return client;
    }

    public static async Task<SupporterClient> Create(
        Uri gateway, string adminKey, string name, string[] livedExperience, bool crisisTrained = false,
        int capacity = 3, string role = "supporter", string[]? languages = null) =>
        await Connect(gateway, await Register(gateway, adminKey, name, livedExperience, crisisTrained, capacity, role, languages));

    public Task<SupporterView> SetAvailability(string status) => Hub.InvokeAsync<SupporterView>("SetAvailability", status);

    public Task<ConversationView> Accept(string offerId) => Hub.InvokeAsync<ConversationView>("Accept", offerId);

    public Task Decline(string offerId) => Hub.InvokeAsync("Decline", offerId);

    public Task<MessageView> Send(string conversationId, string text, string? clientMessageId = null) =>
        Hub.InvokeAsync<MessageView>("Send", conversationId, clientMessageId ?? Guid.NewGuid().ToString("N"), text);

    public Task<MessageView[]> History(string conversationId, long afterSeq) =>
        Hub.InvokeAsync<MessageView[]>("History", conversationId, afterSeq);

    public Task<ConversationView> End(string conversationId, string? note) =>
        Hub.InvokeAsync<ConversationView>("End", conversationId, note);

    public Task<ConversationView> SetRisk(string conversationId, string level, string? reason) =>
        Hub.InvokeAsync<ConversationView>("SetRisk", conversationId, level, reason);

    /// <summary>Accepts the offer of one conversation, declining any other that arrives first (left by earlier tests).</summary>
    public async Task<ConversationView> AcceptOfferOf(string conversationId)
    {
        var offer = await Offers.WaitFor(o => o.ConversationId == conversationId, $"an offer of {conversationId}");
        foreach (var other in Offers.Items.Where(o => o.ConversationId != conversationId && !WithdrawnOffers.Items.Contains(o.OfferId)))
        {
            await Decline(other.OfferId).ContinueWith(_ => { }); // it may have lapsed meanwhile: nothing to decline then
        }

        return await Accept(offer.OfferId);
    }

    public ValueTask DisposeAsync() => Hub.DisposeAsync();
}

public static class HttpClients
{
    public static HttpClient For(Uri gateway, string? bearer = null, string? adminKey = null)
    {
        var http = new HttpClient { BaseAddress = gateway };
        if (bearer is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (adminKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Admin-Key", adminKey);
        }

        return http;
    }
}
