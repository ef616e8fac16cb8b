using System.Collections.Concurrent;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Metrics;

/// <summary>Everything one run counts and measures; safe to record into from any thread.</summary>
public sealed class RunMetrics
{
    private readonly ConcurrentDictionary<string, LatencyMetric> _latencies = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private long _operations;
    private long _reconnects;
    private long _seekersStarted;
    private long _seekersFinished;
    private long _seekersMatched;
    private long _seekersUnmatched;
    private long _liveSeekers;
    private long _supportersOnline;
    private long _offers;
    private readonly ConcurrentDictionary<string, long> _rejections = new();
    private long _redFlagsSent;
    private long _aiUnanswered;
    private long _sentToClosedChats;

    public RunMetrics(RunClock clock)
    {
        Clock = clock;
        Ledger = new DeliveryLedger(this);
    }

    public RunClock Clock { get; }

    public DeliveryLedger Ledger { get; }

    public LatencyMetric Latency(string name) => _latencies.GetOrAdd(name, static n => new LatencyMetric(n));

    public IReadOnlyCollection<LatencyMetric> Latencies => _latencies.Values.OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();

    /// <summary>Calls are bounded in time so that a stuck gateway ends the run instead of hanging it.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs one call to the gateway, bounded in time, counting it, and counting its failure under the gateway's error
    /// code. A refusal that <paramref name="closedMeanwhile"/> confirms came from a chat that closed
    /// for the sender while the message was on its way (the person left, or a crisis-trained supporter took over) is a
    /// race a real person meets too: it is counted apart, not as an error.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, Func<string, Task<bool>>? closedMeanwhile = null)
    {
        Interlocked.Increment(ref _operations);
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (Exception error)
        {
            var code = GatewayException.CodeOf(error);
            if (closedMeanwhile is not null && await closedMeanwhile(code))
            {
                Interlocked.Increment(ref _sentToClosedChats);
            }
            else
            {
                Error(code);
            }

            throw;
        }
    }

    public async Task CallAsync(Func<CancellationToken, Task> call) => await CallAsync(async cancel =>
    {
        await call(cancel);
        return true;
    });

    public void Error(string code) => _errors.AddOrUpdate(code, 1, static (_, n) => n + 1);

    public void Reconnect() => Interlocked.Increment(ref _reconnects);

    public void SeekerStarted()
    {
        Interlocked.Increment(ref _seekersStarted);
        Interlocked.Increment(ref _liveSeekers);
    }

    public void SeekerFinished(bool matched)
    {
        Interlocked.Increment(ref _seekersFinished);
        Interlocked.Decrement(ref _liveSeekers);
        Interlocked.Increment(ref matched ? ref _seekersMatched : ref _seekersUnmatched);
    }

    public void SupporterOnline() => Interlocked.Increment(ref _supportersOnline);

    public void SupporterOffline() => Interlocked.Decrement(ref _supportersOnline);

    public void OfferReceived() => Interlocked.Increment(ref _offers);

    /// <summary>An Accept the gateway turned down (the offer expired or went to someone else): counted apart from errors.</summary>
    public void AcceptRejected(string code) => _rejections.AddOrUpdate(code, 1, static (_, n) => n + 1);

    /// <summary>A call whose failure is not an error (see <see cref="AcceptRejected"/>), still counted in the error rate's base.</summary>
    public void CountOperation() => Interlocked.Increment(ref _operations);

    public void RedFlagSent() => Interlocked.Increment(ref _redFlagsSent);

    /// <summary>A first message the AI did not answer within the seeker's patience.</summary>
    public void AiUnanswered() => Interlocked.Increment(ref _aiUnanswered);

    public long LiveSeekers => Interlocked.Read(ref _liveSeekers);

    public long SupportersOnline => Interlocked.Read(ref _supportersOnline);

    public long Operations => Interlocked.Read(ref _operations);

    public long ErrorCount => _errors.Values.Sum();

    public Counters Snapshot() => new(
        Operations,
        _errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value),
        Interlocked.Read(ref _reconnects),
        Interlocked.Read(ref _seekersStarted),
        Interlocked.Read(ref _seekersFinished),
        Interlocked.Read(ref _seekersMatched),
        Interlocked.Read(ref _seekersUnmatched),
        Interlocked.Read(ref _offers),
        _rejections.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value),
        Interlocked.Read(ref _redFlagsSent),
        Interlocked.Read(ref _aiUnanswered),
        Interlocked.Read(ref _sentToClosedChats),
        Ledger.Snapshot());
}

/// <summary>The run's counts at one moment.</summary>
public sealed record Counters(
    long Operations,
    IReadOnlyDictionary<string, long> Errors,
    long Reconnects,
    long SeekersStarted,
    long SeekersFinished,
    long SeekersMatched,
    long SeekersUnmatched,
    long Offers,
    IReadOnlyDictionary<string, long> AcceptsRejected,
    long RedFlagsSent,
    long AiUnanswered,
    long SentToClosedChats,
    DeliveryCounts Delivery)
{
    public long ErrorCount => Errors.Values.Sum();

    public double ErrorRate => Operations == 0 ? 0 : (double)ErrorCount / Operations;
}
