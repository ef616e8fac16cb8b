namespace StoriBoard;

/// <summary>
/// A sliding window of each sender's recent send times. It keeps no timer (a rate limiter that replenishes itself
/// costs a timer per sender for the grain's whole life), so an idle conversation costs nothing.
/// </summary>
public sealed class FloodGuard(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    public bool TryAdmit(string senderId)
    {
        var now = time.GetUtcNow();
        if (!_recent.TryGetValue(senderId, out var sends))
        {
            _recent[senderId] = sends = new Queue<DateTimeOffset>();
        }

        while (sends.Count > 0 && now - sends.Peek() >= window)
        {
            sends.Dequeue();
        }

        if (sends.Count >= limit)
        {
            return false;
        }

        sends.Enqueue(now);
        return true;
    }
}
