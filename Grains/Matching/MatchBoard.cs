namespace StoriBoard.Matching;

/// <summary>
/// The matchmaker's whole decision logic, free of Orleans so it can be tested with a fake clock: a queue of waiting
/// conversations (risk first, then waiting time), an index of supporters, and the open offers. Every operation returns
/// what must be sent: offers made, offers withdrawn, and queue standings that changed.
/// </summary>
public sealed class MatchBoard(IMatchScorer scorer, TimeProvider time, MatchingOptions options, string matchmakerKey)
{
    private readonly Dictionary<string, WaitingConversation> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SupporterAvailability> _supporters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueStanding> _announced = new(StringComparer.Ordinal);

    public int WaitingCount => _waiting.Count;

    public IReadOnlyCollection<Offer> OpenOffers => _offers.Values;

    /// <summary>Waiting conversations in the order they will be served.</summary>
    public IEnumerable<MatchRequest> Queue => _waiting.Values
        .Select(w => w.Request)
        .OrderByDescending(r => r.Risk)
        .ThenBy(r => r.WaitingSince)
        .ThenBy(r => r.ConversationId, StringComparer.Ordinal);

    public MatchChanges Enqueue(MatchRequest request)
    {
        var changes = new MatchChanges();
        if (_waiting.TryGetValue(request.ConversationId, out var waiting))
        {
            waiting.Request = request;

            // A risk that rose can rule out the supporter holding the offer (a red flag needs crisis training).
            foreach (var offer in OffersFor(request.ConversationId))
            {
                if (!_supporters.TryGetValue(offer.SupporterId, out var holder) || scorer.Score(request, Reserved(holder, offer), time.GetUtcNow()) is null)
                {
                    Withdraw(offer, changes);
                }
            }
        }
        else
        {
            _waiting[request.ConversationId] = new WaitingConversation(request);
        }

        return Pump(changes);
    }

    public MatchChanges Withdraw(string conversationId)
    {
        var changes = new MatchChanges();
        if (_waiting.Remove(conversationId))
        {
            _announced.Remove(conversationId);
            foreach (var offer in OffersFor(conversationId))
            {
                Withdraw(offer, changes);
            }
        }

        return Pump(changes);
    }

    public MatchChanges UpdateSupporter(SupporterAvailability availability)
    {
        var changes = new MatchChanges();
        if (availability.Presence == Presence.Online)
        {
            _supporters[availability.SupporterId] = availability;
        }
        else
        {
            // Away, offline or disconnected: no more offers, and open ones move on at once.
            _supporters.Remove(availability.SupporterId);
            foreach (var offer in _offers.Values.Where(o => o.SupporterId == availability.SupporterId).ToArray())
            {
                Withdraw(offer, changes);
            }
        }

        return Pump(changes);
    }

    public MatchChanges Declined(string offerId)
    {
        if (_offers.Remove(offerId, out var offer) && _waiting.TryGetValue(offer.ConversationId, out var waiting))
        {
            waiting.DeclinedBy.Add(offer.SupporterId);
        }

        return Pump(new MatchChanges());
    }

    public MatchChanges Matched(string conversationId, string offerId)
    {
        var changes = new MatchChanges();
        _offers.Remove(offerId);
        _waiting.Remove(conversationId);
        _announced.Remove(conversationId);
        foreach (var other in OffersFor(conversationId))
        {
            Withdraw(other, changes);
        }

        return Pump(changes);
    }

    /// <summary>Expired offers move on to the next supporter.</summary>
    public MatchChanges Sweep()
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        foreach (var offer in _offers.Values.Where(o => o.ExpiresAt <= now).ToArray())
        {
            Withdraw(offer, changes);
            if (_waiting.TryGetValue(offer.ConversationId, out var waiting))
            {
                waiting.LetLapse.Add(offer.SupporterId);
            }
        }

        return Pump(changes);
    }

    private MatchChanges Pump(MatchChanges changes)
    {
        var now = time.GetUtcNow();
        var position = 0;
        foreach (var request in Queue.ToArray())
        {
            position++;
            var waiting = _waiting[request.ConversationId];
            if (OffersFor(request.ConversationId).Any())
            {
                continue;
            }

            var best = BestCandidate(waiting, now);
            if (best is null && waiting.LetLapse.Count > 0)
            {
                // Everyone free let it lapse once: try them again rather than leave the person stuck.
                waiting.LetLapse.Clear();
                best = BestCandidate(waiting, now);
            }

            if (best is { } choice)
            {
                var offer = new Offer(
                    Guid.NewGuid().ToString("N"),
                    request.ConversationId,
                    choice.Supporter.SupporterId,
                    matchmakerKey,
                    request.Themes.Select(t => t.Id).ToArray(),
                    request.Risk,
                    choice.Score.Reasons,
                    choice.Score.SharedExperience,
                    now + options.OfferTimeout,
                    request.Handoff);
                _offers[offer.OfferId] = offer;
                changes.Made.Add(offer);
            }
        }

        Announce(changes);
        return changes;
    }

    private (SupporterAvailability Supporter, MatchScore Score)? BestCandidate(WaitingConversation waiting, DateTimeOffset now)
    {
        (SupporterAvailability, MatchScore)? best = null;
        foreach (var supporter in _supporters.Values)
        {
            if (waiting.DeclinedBy.Contains(supporter.SupporterId) || waiting.LetLapse.Contains(supporter.SupporterId))
            {
                continue;
            }

            if (scorer.Score(waiting.Request, Reserved(supporter, offer: null), now) is { } score
                && (best is null || score.Value > best.Value.Item2.Value))
            {
                best = (supporter, score);
            }
        }

        return best;
    }

    /// <summary>The supporter as seen with their open offers counted as taken places, so offers never exceed capacity.</summary>
    private SupporterAvailability Reserved(SupporterAvailability supporter, Offer? offer)
    {
        var reserved = _offers.Values.Count(o => o.SupporterId == supporter.SupporterId && o != offer);
        return reserved == 0 ? supporter : supporter with { ActiveChats = supporter.ActiveChats + reserved };
    }

    private void Announce(MatchChanges changes)
    {
        var free = Math.Max(1, _supporters.Values.Count(s => s.HasFreeCapacity));
        var position = 0;
        foreach (var request in Queue)
        {
            position++;
            var wait = (int)Math.Ceiling(position * options.EstimatedTimePerPlace.TotalSeconds / free);
            var standing = new QueueStanding(position, wait);
            if (!_announced.TryGetValue(request.ConversationId, out var told) || told != standing)
            {
                _announced[request.ConversationId] = standing;
                changes.Standings.Add((request.ConversationId, standing));
            }
        }
    }

    private IEnumerable<Offer> OffersFor(string conversationId) =>
        _offers.Values.Where(o => o.ConversationId == conversationId).ToArray();

    private void Withdraw(Offer offer, MatchChanges changes)
    {
        if (_offers.Remove(offer.OfferId))
        {
            changes.Withdrawn.Add(offer);
        }
    }

    private sealed class WaitingConversation(MatchRequest request)
    {
        public MatchRequest Request { get; set; } = request;

        public HashSet<string> DeclinedBy { get; } = new(StringComparer.Ordinal);

        public HashSet<string> LetLapse { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>What one matchmaker operation asks to be sent.</summary>
public sealed class MatchChanges
{
    public List<Offer> Made { get; } = [];

    public List<Offer> Withdrawn { get; } = [];

    public List<(string ConversationId, QueueStanding Standing)> Standings { get; } = [];
}
