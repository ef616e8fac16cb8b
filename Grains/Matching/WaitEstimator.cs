namespace StoriBoard.Matching;

/// <summary>
/// An honest estimated wait, counted from the supporters who could take this chat: a person who would be offered one of
/// them free right now waits about as long as supporters recently took to accept; anyone further back waits for places
/// to open at the rate this shard has recently matched people, in the share those supporters hold of everyone online
/// (or, before it has seen enough matches, at a configured rough rate per supporter who could take it).
/// </summary>
public sealed class WaitEstimator(MatchingOptions options)
{
    private const int MinimumSample = 5;
    private const double Smoothing = 0.2;

    private readonly Queue<DateTimeOffset> _recentMatches = new();
    private double _acceptSeconds = options.OfferTimeout.TotalSeconds / 2;

    public void Matched(DateTimeOffset offeredAt, DateTimeOffset now)
    {
        _recentMatches.Enqueue(now);
        _acceptSeconds += Smoothing * (Math.Max(0, (now - offeredAt).TotalSeconds) - _acceptSeconds);
    }

    /// <param name="position">1 for the first in the queue.</param>
    /// <param name="freeSlots">
    /// Free places of the supporters who could take it; every shard of the language sees the same supporters.
    /// </param>
    /// <param name="capableOnline">Supporters online who could take it, at least one.</param>
    /// <param name="allOnline">Everyone online in this shard.</param>
    public int Seconds(int position, int freeSlots, int capableOnline, int allOnline, DateTimeOffset now)
    {
        while (_recentMatches.TryPeek(out var oldest) && now - oldest > options.MatchRateWindow)
        {
            _recentMatches.Dequeue();
        }

        var shards = Math.Max(1, options.Shards);
        var waitingForAPlace = position - (double)freeSlots / shards;
        if (waitingForAPlace <= 0)
        {
            return (int)Math.Ceiling(_acceptSeconds);
        }

        var capableShare = Math.Clamp((double)capableOnline / Math.Max(1, allOnline), 0.01, 1);
        var secondsPerPlace = _recentMatches.Count >= MinimumSample
            ? options.MatchRateWindow.TotalSeconds / _recentMatches.Count / capableShare
            : options.EstimatedTimePerPlace.TotalSeconds / Math.Max(1.0, (double)capableOnline / shards);
        return (int)Math.Ceiling(_acceptSeconds + waitingForAPlace * secondsPerPlace);
    }
}
