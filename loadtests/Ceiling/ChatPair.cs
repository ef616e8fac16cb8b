using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Ceiling;

/// <summary>Two people in one conversation, each able to send to the other.</summary>
public sealed record ChatPair(string ConversationId, PairSide Seeker, PairSide Supporter);

/// <summary>One side of a pair: its connection, and the role of the side its messages must reach.</summary>
public sealed record PairSide(HubConnection Connection, string OtherRole);

/// <summary>
/// The metrics of the ceiling step now under way. Each step is judged on its own, so the connections'
/// receive handlers always record into the current step's ledger.
/// </summary>
public sealed class MetricsSlot(RunClock clock)
{
    private RunMetrics _current = new(clock);

    public RunClock Clock => clock;

    public RunMetrics Current => Volatile.Read(ref _current);

    public RunMetrics Next()
    {
        var next = new RunMetrics(clock);
        Volatile.Write(ref _current, next);
        return next;
    }

    /// <summary>The handler every pair connection registers for pushed messages.</summary>
    public void Received(MessageView message, string role) => Current.Ledger.Received(message, role, clock.Now);
}

/// <summary>A server the ceiling run drives: StoriBoard's gateway, or the bare echo hub.</summary>
public interface IChatTarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Whether a transcript can be read back to tell late from lost.</summary>
    bool HasHistory { get; }

    Task<IReadOnlyList<ChatPair>> OpenAsync(int pairs, MetricsSlot slot, CancellationToken cancel);
}
