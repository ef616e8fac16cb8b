using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Ceiling;

/// <summary>
/// Pairs on StoriBoard itself: each a help-seeker matched by the real matchmaker with a supporter who
/// accepts at once. Only the peer message path is measured, so seekers say nothing before the match.
/// </summary>
public sealed class GatewayTarget(Uri baseUrl, string? adminKey, string[] themes) : IChatTarget
{
    private const int Capacity = 5;
    private static readonly TimeSpan MatchPatience = TimeSpan.FromSeconds(60);
    private readonly GatewayHttp _http = new(baseUrl, adminKey);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<HubConnection>> _acceptedBy = new();
    private readonly List<HubConnection> _supporters = [];
    private readonly ConcurrentBag<(HubConnection Connection, string ConversationId)> _seekers = [];

    public string Name => "StoriBoard";

    public bool HasHistory => true;

    public async Task<IReadOnlyList<ChatPair>> OpenAsync(int pairs, MetricsSlot slot, CancellationToken cancel)
    {
        var supporterCount = (pairs + Capacity - 1) / Capacity;
        await Parallel.ForEachAsync(Enumerable.Range(0, supporterCount), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel },
            async (i, token) => await StartSupporterAsync(i, slot, token));
        var opened = new ConcurrentBag<ChatPair>();
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancel },
            async (_, token) =>
            {
                if (await MatchSeekerAsync(slot, token) is { } pair)
                {
                    opened.Add(pair);
                }
            });
        return opened.ToArray();
    }

    private async Task StartSupporterAsync(int index, MetricsSlot slot, CancellationToken cancel)
    {
        var profile = new NewSupporter($"Ceiling supporter {index + 1:000}", themes, ["en"], CrisisTrained: true, Capacity, "supporter");
        var created = await _http.CreateSupporterAsync(profile, cancel);
        var connection = Hubs.Build(baseUrl, Hubs.SupporterPath, created.Token, _ => slot.Current.Reconnect());
        connection.On<MessageView>("Message", message => slot.Received(message, Names.Supporter));
        connection.On<OfferView>("Offer", offer => _ = AcceptAsync(connection, offer));
        lock (_supporters)
        {
            _supporters.Add(connection);
        }

        await connection.StartAsync(cancel);
        await connection.InvokeAsync<SupporterView>("SetAvailability", Names.Online, cancel);
    }

    private async Task AcceptAsync(HubConnection supporter, OfferView offer)
    {
        try
        {
            using var timeout = new CancellationTokenSource(RunMetrics.CallTimeout);
            var conversation = await supporter.InvokeAsync<ConversationView>("Accept", offer.OfferId, timeout.Token);
            AcceptedBy(conversation.ConversationId).TrySetResult(supporter);
        }
        catch (Exception)
        {
            // Offered to several and taken by another: the seeker's own wait decides.
        }
    }

    private async Task<ChatPair?> MatchSeekerAsync(MetricsSlot slot, CancellationToken cancel)
    {
        var session = await _http.CreateSessionAsync(cancel);
        var connection = Hubs.Build(baseUrl, Hubs.SeekerPath, session.Token, _ => slot.Current.Reconnect());
        var matched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<MessageView>("Message", message => slot.Received(message, Names.Seeker));
        connection.On<ConversationView>("Conversation", view =>
        {
            if (view.Status == Names.Peer)
            {
                matched.TrySetResult();
            }
        });
        await connection.StartAsync(cancel);
        var conversation = await connection.InvokeAsync<ConversationView>("StartConversation", cancel);
        _seekers.Add((connection, conversation.ConversationId));
        var requested = await connection.InvokeAsync<ConversationView>("RequestPeer", conversation.ConversationId, cancel);
        try
        {
            if (requested.Status != Names.Peer)
            {
                await matched.Task.WaitAsync(MatchPatience, cancel);
            }

            var supporter = await AcceptedBy(conversation.ConversationId).Task.WaitAsync(MatchPatience, cancel);
            return new ChatPair(conversation.ConversationId,
                new PairSide(connection, Names.Supporter),
                new PairSide(supporter, Names.Seeker));
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private TaskCompletionSource<HubConnection> AcceptedBy(string conversationId) =>
        _acceptedBy.GetOrAdd(conversationId, static _ => new TaskCompletionSource<HubConnection>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Ends every conversation and disconnects everyone.</summary>
    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_seekers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (seeker, _) =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(RunMetrics.CallTimeout);
                await seeker.Connection.InvokeAsync<ConversationView>("End", seeker.ConversationId, null, timeout.Token);
            }
            catch (Exception)
            {
                // The connection may already be gone; the gateway ends idle conversations itself.
            }

            await seeker.Connection.DisposeAsync();
        });
        foreach (var supporter in _supporters)
        {
            await supporter.DisposeAsync();
        }

        _http.Dispose();
    }
}
