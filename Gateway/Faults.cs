using Orleans.Runtime;
using Orleans.Storage;
using StackExchange.Redis;

namespace StoriBoard.Gateway;

/// <summary>
/// Tells a fault (the cluster, its storage or Redis not answering, or answering too late) from a bug. A fault is worth
/// repeating with the same clientMessageId, so clients hear "unavailable", not "something went wrong".
/// </summary>
public static class Faults
{
    /// <summary>Seconds a client is asked to wait before repeating a call that met a fault.</summary>
    public const int RetryAfterSeconds = 2;

    public const string HubMessage = "try again with the same clientMessageId: the helpline could not reach its storage or cluster just now.";

    public const string HttpMessage = "The helpline could not reach its storage or cluster just now; try again shortly.";

    /// <summary>The refusal a fault answers with, or null when the failure is a bug (or a refusal already).</summary>
    public static HelplineException? AsUnavailable(Exception failure) =>
        IsFault(failure) ? new HelplineException(ErrorCodes.Unavailable, HubMessage) : null;

    public static bool IsFault(Exception failure) => Chain(failure).Any(IsFaultType);

    /// <summary>A refusal carried inside another exception (an aggregate, or wrapped by a call path) keeps its code.</summary>
    public static HelplineException? InnerRefusal(Exception failure) => Chain(failure).OfType<HelplineException>().FirstOrDefault();

    private static bool IsFaultType(Exception e) => e switch
    {
        OrleansConfigurationException => false, // a bad setting: a bug for the operator, not worth repeating
        StoreUnavailableException => true,
        TimeoutException => true, // also RedisTimeoutException and Orleans' call timeouts
        RedisException => true, // RedisConnectionException, and server states such as LOADING or READONLY
        WrappedException wrapped => IsFaultTypeName(wrapped.OriginalExceptionType), // a type this process cannot load
        OrleansException => true, // SiloUnavailableException, message rejections, storage and reminder failures
        System.Net.Sockets.SocketException => true,
        _ => IsFaultTypeName(e.GetType().FullName),
    };

    // Exceptions of provider assemblies the gateway does not reference (e.g. Orleans' RedisStorageException when
    // the grains run elsewhere) are told by name.
    private static bool IsFaultTypeName(string? name) =>
        name is not null
        && (name.StartsWith("Orleans.Persistence.Redis.", StringComparison.Ordinal)
            || name.StartsWith("Orleans.Reminders.Redis.", StringComparison.Ordinal)
            || name.StartsWith("Orleans.Clustering.Redis.", StringComparison.Ordinal)
            || name.StartsWith("StackExchange.Redis.Redis", StringComparison.Ordinal)
            || name == typeof(InconsistentStateException).FullName);

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        var pending = new Stack<Exception>();
        pending.Push(failure);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
