using System.Collections.Concurrent;
using StoriBoard.LoadTests.Metrics;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Simulation;

/// <summary>
/// Where seekers and supporters meet in the harness: a supporter's offer is timed from the moment its
/// seeker needed a person, which only the seeker knows.
/// </summary>
public sealed class ConversationRegistry(RunMetrics metrics)
{
    private readonly ConcurrentDictionary<string, Track> _tracks = new();
    private Func<Staffing> _staffing = static () => new Staffing(true, true);

    /// <summary>Who had room is read from the supporters on shift once they are online.</summary>
    public void WatchStaffing(Func<Staffing> staffing) => _staffing = staffing;

    public Track Open(string conversationId) => _tracks.GetOrAdd(conversationId, _ => new Track(_staffing));

    public void Close(string conversationId) => _tracks.TryRemove(conversationId, out _);

    /// <summary>Times the first offer of a conversation, by the risk the offer carries.</summary>
    public void OfferArrived(OfferView offer, long arrived)
    {
        if (_tracks.TryGetValue(offer.ConversationId, out var track) && track.FirstOffer() && track.NeededAt is { } needed)
        {
            metrics.Latency(MetricNames.Offer(offer.Risk, track.AllBusyFor(offer.Risk))).Record(needed, arrived);
        }
    }

    /// <summary>Whether any supporter, and any crisis-trained supporter, had room at one moment.</summary>
    public readonly record struct Staffing(bool AnyFree, bool CrisisTrainedFree);

    /// <summary>One seeker's conversation as the harness sees it.</summary>
    public sealed class Track(Func<Staffing> staffing)
    {
        private long _neededAt;
        private long _lastSentAt;
        private int _offered;
        private Staffing _whenNeeded = new(true, true);
        private Staffing _whenLastSent = new(true, true);

        /// <summary>When a person became needed: a red flag's or the request's intended time, else the last message's.</summary>
        public long? NeededAt => Interlocked.Read(ref _neededAt) is not 0 and var needed ? needed
            : Interlocked.Read(ref _lastSentAt) is not 0 and var last ? last : null;

        /// <summary>The first reason counts: a red flag stays the origin though the seeker also asks later.</summary>
        public void PeerNeeded(long intended)
        {
            var now = staffing();
            if (Interlocked.CompareExchange(ref _neededAt, intended, 0) == 0)
            {
                _whenNeeded = now;
            }
        }

        /// <summary>The system may escalate on its own (moderate risk): then the last message is what triggered it.</summary>
        public void Sent(long intended)
        {
            _whenLastSent = staffing();
            Interlocked.Exchange(ref _lastSentAt, intended);
        }

        /// <summary>Whether nobody suitable for this risk had room when the person became in need.</summary>
        public bool AllBusyFor(string? risk)
        {
            var at = Interlocked.Read(ref _neededAt) != 0 ? _whenNeeded : _whenLastSent;
            return Names.IsRedFlag(risk) ? !at.CrisisTrainedFree : !at.AnyFree;
        }

        public bool FirstOffer() => Interlocked.Exchange(ref _offered, 1) == 0;
    }
}
