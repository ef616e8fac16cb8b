using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.FaultSuite;

/// <summary>
/// One person's connection as a careful client keeps it through faults: it notes when each message reached it (pushed,
/// or fetched on the server's CatchUp), re-sends a refused or unanswered send with the same client message id, and,
/// when its gateway dies, connects to another one and catches up.
/// </summary>
public sealed class FaultClient : IAsyncDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    private readonly string _path;
    private readonly Uri[] _gateways;
    private readonly Stopwatch _clock;
    private readonly ConcurrentDictionary<string, byte> _conversations = new();
    private readonly SemaphoreSlim _reconnecting = new(1, 1);
    private int _gateway;

    private bool _disposed;

    private FaultClient(string path, string token, Uri[] gateways, Stopwatch clock, string name)
    {
        (_path, Token, _gateways, _clock, Name) = (path, token, gateways, clock, name);
        Hub = Open(gateways[0]);
    }

    public string Name { get; }

    public string Token { get; }

    public HubConnection Hub { get; private set; }

    /// <summary>Every message that reached this client, by id, with the clock's time it first arrived.</summary>
    public ConcurrentDictionary<string, (MessageView Message, TimeSpan At, bool Pushed)> Seen { get; } = new();

    public ConcurrentQueue<(OfferView Offer, TimeSpan At)> Offers { get; } = new();

    public ConcurrentQueue<(ConversationView RedFlag, TimeSpan At)> RedFlags { get; } = new();

    /// <summary>Errors this client saw, by code ("unavailable", "connection", …), each retried.</summary>
    public ConcurrentDictionary<string, int> Errors { get; } = new();

    public static async Task<FaultClient> Seeker(Uri[] gateways, Stopwatch clock, string name)
    {
        using var http = new HttpClient { BaseAddress = gateways[0] };
        var unavailable = 0;
        var response = await http.PostAsJsonAsync("/api/sessions", new { language = "en", region = "GB" });
        while (response.StatusCode == HttpStatusCode.ServiceUnavailable && unavailable++ < 30)
        {
            // A fault, as the answer says: wait as long as it asks, and ask again.
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            response = await http.PostAsJsonAsync("/api/sessions", new { language = "en", region = "GB" });
        }

        response.EnsureSuccessStatusCode();
        var session = (await response.Content.ReadFromJsonAsync<SessionCreated>(ProtocolJson.Options))!;
        var client = new FaultClient("/hubs/seeker", session.Token, gateways, clock, name);
        if (unavailable > 0)
        {
            client.Errors["unavailable"] = unavailable;
        }

        await client.Hub.StartAsync();
        return client;
    }

    public static async Task<FaultClient> Supporter(Uri[] gateways, Stopwatch clock, SupporterCreated created, bool online = true)
    {
        var client = new FaultClient("/hubs/supporter", created.Token, gateways, clock, created.SupporterId);
        await client.Hub.StartAsync();
        if (online)
        {
            await client.Hub.InvokeAsync<SupporterView>("SetAvailability", "online");
        }

        return client;
    }

    /// <summary>Follows a conversation: its messages are fetched again whenever the server says pushes may be lost.</summary>
    public void Follow(string conversationId) => _conversations[conversationId] = 0;

    /// <summary>
    /// Calls until answered, as a client should: a fault ("unavailable", or the connection lost) is counted and tried
    /// again, on the next gateway if this one has gone; a refusal is the answer and is thrown.
    /// </summary>
    public async Task<T> Call<T>(string method, params object?[] args)
    {
        var deadline = _clock.Elapsed + GiveUpAfter;
        while (true)
        {
            try
            {
                return await Hub.InvokeCoreAsync<T>(method, args);
            }
            catch (Exception exception) when (Code(exception) is "unavailable" or "connection" && _clock.Elapsed < deadline)
            {
                Errors.AddOrUpdate(Code(exception), 1, (_, n) => n + 1);
                await Task.Delay(300);
                if (Hub.State == HubConnectionState.Disconnected)
                {
                    await Failover();
                }
            }
        }
    }

    /// <summary>Sends until the message is stored (the answer came): the same client message id every time.</summary>
    public async Task<MessageView> Send(string conversationId, string text)
    {
        var stored = await Call<MessageView>("Send", conversationId, Guid.NewGuid().ToString("N"), text);
        Note(stored, pushed: false);
        return stored;
    }

    /// <summary>Fetches every followed conversation's messages, as a client does after a reconnect or a CatchUp.</summary>
    public async Task CatchUp()
    {
        foreach (var conversationId in _conversations.Keys)
        {
            foreach (var message in await Hub.InvokeAsync<MessageView[]>("History", conversationId, 0L))
            {
                Note(message, pushed: false);
            }
        }
    }

    /// <summary>The gateway is gone: the next one in the list, then a catch-up.</summary>
    public async Task Failover()
    {
        await _reconnecting.WaitAsync();
        try
        {
            while (Hub.State != HubConnectionState.Connected && !_disposed)
            {
                await Hub.DisposeAsync();
                _gateway = (_gateway + 1) % _gateways.Length;
                Hub = Open(_gateways[_gateway]);
                try
                {
                    await Hub.StartAsync();
                    await CatchUp();
                }
                catch (Exception)
                {
                    Errors.AddOrUpdate("connection", 1, (_, n) => n + 1);
                    await Task.Delay(500);
                }
            }
        }
        finally
        {
            _reconnecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await Hub.DisposeAsync();
    }

    private HubConnection Open(Uri gateway)
    {
        var hub = ProtocolJson.Hub(gateway, _path, Token);
        hub.On<MessageView>(ClientMethods.Message, m => Note(m, pushed: true));
        hub.On<OfferView>(ClientMethods.Offer, o => Offers.Enqueue((o, _clock.Elapsed)));
        hub.On<ConversationView>(ClientMethods.RedFlag, c => RedFlags.Enqueue((c, _clock.Elapsed)));
        hub.On(ClientMethods.CatchUp, () => _ = CatchUpQuietly());

        // With more than one gateway to go to, a connection the server closed (its gateway died) moves to the next.
        hub.Closed += async _ =>
        {
            if (!_disposed && _gateways.Length > 1 && ReferenceEquals(hub, Hub))
            {
                await Failover();
            }
        };
        return hub;
    }

    /// <summary>As the pages do: a catch-up that meets a fault is tried again after a pause.</summary>
    private async Task CatchUpQuietly()
    {
        for (var attempt = 0; attempt < 10 && !_disposed; attempt++)
        {
            try
            {
                await CatchUp();
                return;
            }
            catch (Exception exception)
            {
                Errors.AddOrUpdate(Code(exception), 1, (_, n) => n + 1);
                await Task.Delay(1000);
            }
        }
    }

    private void Note(MessageView message, bool pushed) => Seen.TryAdd(message.MessageId, (message, _clock.Elapsed, pushed));

    /// <summary>A refusal's code ("unavailable: …" from the hub), or "connection" for a call the connection dropped.</summary>
    private static string Code(Exception exception)
    {
        const string marker = "HubException: ";
        var at = exception is HubException hub ? hub.Message.IndexOf(marker, StringComparison.Ordinal) : -1;
        if (at < 0)
        {
            return exception is HubException ? "error" : "connection";
        }

        var detail = exception.Message[(at + marker.Length)..];
        return detail.IndexOf(':') is > 0 and var colon ? detail[..colon] : "error";
    }
}
