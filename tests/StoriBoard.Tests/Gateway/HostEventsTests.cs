using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using StoriBoard.Gateway.Delivery;
using StoriBoard.Gateway.Hubs;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>The host's delivery queues, with the SignalR side replaced by a recording fake: no cluster, no sockets.</summary>
[Trait("Tier", "Unit")]
public sealed class HostEventsTests
{
    private const string Secret = "words that must never reach a log";

    [Fact]
    public async Task A_push_that_fails_is_logged_with_ids_only_and_the_queue_goes_on_delivering()
    {
        var hub = new FakeHub<SeekerHub>();
        var failures = new Queue<Exception>([new InvalidOperationException("connection gone"), new OperationCanceledException("send timed out")]);
        hub.OnSend = _ => failures.TryDequeue(out var failure) ? throw failure : Task.CompletedTask;
        var logger = new ListLogger<HostEvents>();
        var events = new HostEvents(hub, new FakeHub<SupporterHub>(), logger);
        using var stopping = new CancellationTokenSource();
        var pump = events.Pump(stopping.Token);

        for (var seq = 1; seq <= 3; seq++)
        {
            await events.Deliver("seeker/mark", ClientEvent.Message(Message(seq)));
        }

        await Eventually.True(() => hub.Sent.Count == 1, "the event after two failed pushes is delivered");
        Assert.Equal(3, Assert.IsType<MessageView>(hub.Sent.Single().Payload).Seq);
        Assert.Equal("mark", hub.Sent.Single().User);

        // The pump is still alive for the next event.
        await events.Deliver("seeker/mark", ClientEvent.Message(Message(4)));
        await Eventually.True(() => hub.Sent.Count == 2, "a later event is delivered too");

        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("seeker/mark", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("seq 1", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("seq 2", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal));

        await stopping.CancelAsync();
        await pump.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_full_queue_drops_its_oldest_events_logs_each_drop_and_delivers_the_newest_in_order()
    {
        var hub = new FakeHub<SeekerHub>();
        var logger = new ListLogger<HostEvents>();
        var events = new HostEvents(hub, new FakeHub<SupporterHub>(), logger, queueCapacity: 2);

        // Nothing is pumping yet: the queue fills up, as it would behind a connection that cannot keep up.
        for (var seq = 1; seq <= 5; seq++)
        {
            await events.Deliver("seeker/mark", ClientEvent.Message(Message(seq)));
        }

        var drops = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Equal(3, drops.Count);
        Assert.Contains("seq 1", drops[0], StringComparison.Ordinal);
        Assert.Contains("seq 2", drops[1], StringComparison.Ordinal);
        Assert.Contains("seq 3", drops[2], StringComparison.Ordinal);
        Assert.All(drops, d => Assert.Contains("seeker/mark", d, StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(Secret, StringComparison.Ordinal));

        using var stopping = new CancellationTokenSource();
        var pump = events.Pump(stopping.Token);
        await Eventually.True(() => hub.Sent.Count == 2, "the two newest events are delivered");
        Assert.Equal([4L, 5L], hub.Sent.Select(s => Assert.IsType<MessageView>(s.Payload).Seq));

        await stopping.CancelAsync();
        await pump.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static MessageView Message(long seq) =>
        new("c1", seq, $"m{seq}", null, Sender.Supporter, "Jake", Secret, DateTimeOffset.UnixEpoch);

    private sealed class ListLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }

    private sealed class FakeHub<THub> : IHubContext<THub>
        where THub : Hub
    {
        public FakeHub() => Clients = new UserClients(this);

        public ConcurrentQueue<(string User, string Method, object? Payload)> Sent { get; } = new();

        public Func<string, Task> OnSend { get; set; } = _ => Task.CompletedTask;

        public IHubClients Clients { get; }

        public IGroupManager Groups => throw new NotSupportedException();

        private sealed class UserClients(FakeHub<THub> hub) : IHubClients
        {
            public IClientProxy User(string userId) => new Proxy(hub, userId);

            public IClientProxy All => throw new NotSupportedException();

            public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Client(string connectionId) => throw new NotSupportedException();

            public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

            public IClientProxy Group(string groupName) => throw new NotSupportedException();

            public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

            public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

            public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
        }

        private sealed class Proxy(FakeHub<THub> hub, string user) : IClientProxy
        {
            public async Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                await hub.OnSend(method);
                hub.Sent.Enqueue((user, method, args.SingleOrDefault()));
            }
        }
    }
}
