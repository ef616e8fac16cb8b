using StoriBoard.Telemetry;

namespace StoriBoard.Matching;

/// <summary>
/// One matchmaker shard's whole decision logic, free of Orleans so it can be tested with a fake clock: the queue of
/// waiting conversations, the index of supporters, and the open offers. Every operation returns what must be sent.
/// Work is incremental: a conversation is searched when it arrives or loses an offer, and a supporter who gains free
/// room is checked against the conversations still short of offers, in queue order, so nothing rescans the nation.
/// </summary>
public sealed class MatchBoard(IMatchScorer scorer, TimeProvider time, MatchingOptions options, string matchmakerKey)
{
    private readonly SupporterIndex _supporters = new();
    private readonly WaitingQueue _queue = new();
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueStanding> _announced = new(StringComparer.Ordinal);
    private readonly WaitEstimator _estimator = new(options);
    private readonly HashSet<WaitingConversation> _toSearch = [];
    private readonly List<SupporterEntry> _freed = [];
    private int _decision;

    /// <summary>Longer than an offer takes to reach a supporter's grain: past it, an offer the grain does not hold is lost.</summary>
    private static readonly TimeSpan OfferArrival = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a supporter an offer could not reach is left out before they are tried again: long enough for the
    /// cluster to notice a dead silo between tries, short enough that a red flag is not kept from them when it has.
    /// </summary>
    private static readonly TimeSpan SetAsideFor = TimeSpan.FromSeconds(2);

    /// <summary>Supporters an offer could not reach, as they last announced themselves, and when to try them again.</summary>
    private readonly Dictionary<string, (SupporterAvailability Last, DateTimeOffset Until)> _setAside = new(StringComparer.Ordinal);

    private int OffersAtOnce => Math.Max(1, options.OffersAtOnce);

    /// <summary>When an offer was made: it expires one offer timeout later.</summary>
    private DateTimeOffset OfferedAt(Offer offer) => offer.ExpiresAt - options.OfferTimeout;

    /// <summary>How many of a group's (or everyone's) fairest are scored exactly.</summary>
    private int Shortlisted => Math.Max(OffersAtOnce, options.Shortlist);

    public int WaitingCount => _queue.Count;

    public IReadOnlyCollection<Offer> OpenOffers => _offers.Values;

    /// <summary>Waiting conversations in the order they will be served.</summary>
    public IEnumerable<MatchRequest> Queue => _queue.InOrder.Select(w => w.Request);

    public MatchChanges Enqueue(MatchRequest request)
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        if (_queue.Find(request.ConversationId) is { } waiting)
        {
            _queue.Update(waiting, request);

            // A risk that rose to a red flag rules out a supporter holding an offer who is not crisis-trained; one who
            // is gets the offer again at the new risk, so the card in front of them never shows a calmer chat than it is.
            foreach (var offer in waiting.Offers.ToArray())
            {
                if (request.Risk.IsRedFlag() && offer.Risk < request.Risk)
                {
                    Withdraw(offer, changes, now);
                }
            }
        }
        else
        {
            waiting = new WaitingConversation(request);
            _queue.Add(waiting);
        }

        _toSearch.Add(waiting);
        Pump(changes, now);
        if (_queue.Find(request.ConversationId) is not null)
        {
            Announce(waiting, _queue.PositionOf(waiting), changes, now);
        }

        return changes;
    }

    public MatchChanges Withdraw(string conversationId)
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        if (_queue.Remove(conversationId, out var waiting))
        {
            _announced.Remove(conversationId);
            foreach (var offer in waiting.Offers.ToArray())
            {
                Withdraw(offer, changes, now);
            }
        }

        return Pump(changes, now);
    }

    public MatchChanges UpdateSupporter(SupporterAvailability availability)
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        if (availability.Presence != Presence.Online)
        {
            // Away, offline or disconnected: no more offers, and open ones move on at once.
            foreach (var offer in _offers.Values.Where(o => o.SupporterId == availability.SupporterId).ToArray())
            {
                Withdraw(offer, changes, now);
            }
        }
        else
        {
            // A supporter's grain that came back after its silo died holds none of the offers made to it before: they
            // would wait out their timeout. An offer made long enough ago to have arrived, and not held, is over.
            foreach (var offer in _offers.Values.Where(o => o.SupporterId == availability.SupporterId
                         && !availability.HeldOfferIds.Contains(o.OfferId)
                         && now - OfferedAt(o) > OfferArrival).ToArray())
            {
                Drop(offer, now);
            }
        }

        Announced(availability, now);
        return Pump(changes, now);
    }

    public MatchChanges Declined(string offerId)
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        if (_offers.GetValueOrDefault(offerId) is { } offer)
        {
            Drop(offer, now);
            if (_queue.Find(offer.ConversationId) is { } waiting)
            {
                waiting.DeclinedBy.Add(offer.SupporterId);
                waiting.Exclusions();
            }
        }

        return Pump(changes, now);
    }

    /// <summary>The supporter could not take it (full with other shards' offers, or gone): not a decline.</summary>
    public MatchChanges Returned(string offerId, SupporterAvailability availability)
    {
        var now = time.GetUtcNow();
        if (_offers.GetValueOrDefault(offerId) is { } offer)
        {
            if (offer.Risk.IsRedFlag() && _queue.Find(offer.ConversationId) is { } waiting)
            {
                waiting.HandedBack.Add(offer.SupporterId);
            }

            Drop(offer, now);
        }

        Announced(availability, now);
        return Pump(new MatchChanges(), now);
    }

    /// <summary>
    /// An offer that never reached its supporter: their grain, or the inbox their screens are fed by, is on a silo that
    /// died, and this silo may not know it yet. Offering them again at once would fail again, so every open offer to them
    /// is over and they are set aside for <see cref="SetAsideFor"/> (or until they are heard from), while the conversation
    /// is searched again at once among those who can be reached.
    /// </summary>
    public MatchChanges Undelivered(string offerId)
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        if (_offers.GetValueOrDefault(offerId) is { } undelivered)
        {
            Drop(undelivered, now);
            foreach (var offer in _offers.Values.Where(o => o.SupporterId == undelivered.SupporterId).ToArray())
            {
                Withdraw(offer, changes, now);
            }

            if (_supporters.Find(undelivered.SupporterId) is { } entry)
            {
                _setAside[entry.Id] = (entry.Announced, now + SetAsideFor);
                _supporters.Remove(entry.Id);
            }
        }

        return Pump(changes, now);
    }

    public MatchChanges Matched(string conversationId, string offerId)
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        if (_offers.Remove(offerId, out var accepted))
        {
            _estimator.Matched(OfferedAt(accepted), now);
            _supporters.Accepted(accepted.SupporterId, accepted.Risk.IsRedFlag() ? options.RedFlagLoadWeight : 1, now);
        }

        if (_queue.Remove(conversationId, out var waiting))
        {
            _announced.Remove(conversationId);
            foreach (var other in waiting.Offers.Where(o => o.OfferId != offerId).ToArray())
            {
                Withdraw(other, changes, now);
            }
        }

        return Pump(changes, now);
    }

    /// <summary>
    /// The timer's turn: expired offers move on, cool-downs end, conversations that waited long enough for shared
    /// experience fall back to anyone qualified, and every waiting seeker whose standing changed is told.
    /// </summary>
    public MatchChanges Sweep()
    {
        var changes = new MatchChanges();
        var now = time.GetUtcNow();
        foreach (var offer in _offers.Values.Where(o => o.ExpiresAt <= now).ToArray())
        {
            Withdraw(offer, changes, now);
            changes.Expired.Add(offer);
            if (_queue.Find(offer.ConversationId) is { } waiting)
            {
                waiting.LetLapse.Add(offer.SupporterId);
                waiting.Exclusions();
            }
        }

        _freed.AddRange(_supporters.EndCoolDowns(now));
        foreach (var (supporterId, (last, until)) in _setAside.Where(s => s.Value.Until <= now).ToArray())
        {
            _setAside.Remove(supporterId);
            Announced(last, now);
        }

        foreach (var waiting in _queue.InOrder)
        {
            if (waiting.HoldingForSharedExperience && !HoldsForSharedExperience(waiting, now))
            {
                _toSearch.Add(waiting);
            }
        }

        Pump(changes, now);
        var position = 0;
        var capable = new Dictionary<(string Language, bool RedFlag), (int Online, int Free)>();
        foreach (var waiting in _queue.InOrder)
        {
            Announce(waiting, ++position, changes, now, capable);
        }

        return changes;
    }

    private void Announced(SupporterAvailability availability, DateTimeOffset now)
    {
        _setAside.Remove(availability.SupporterId);
        if (_supporters.Announce(availability, now) && _supporters.Find(availability.SupporterId) is { } entry)
        {
            _freed.Add(entry);
        }
    }

    /// <summary>
    /// Conversations that arrived or lost an offer get a full search; supporters with new free room are offered to the
    /// conversations still short of offers, first in the queue first. Both in queue order, so a red flag is served first.
    /// </summary>
    private MatchChanges Pump(MatchChanges changes, DateTimeOffset now)
    {
        if (_freed.Count > 0)
        {
            foreach (var waiting in _queue.InOrder)
            {
                if (_toSearch.Count == 0 && !_freed.Exists(e => e.Joined))
                {
                    break;
                }

                if (waiting.Offers.Count >= OffersAtOnce)
                {
                    _toSearch.Remove(waiting);
                    continue;
                }

                if (_toSearch.Remove(waiting))
                {
                    Search(waiting, among: null, changes, now);
                }
                else
                {
                    Search(waiting, _freed, changes, now);
                }
            }

            _freed.Clear();
        }

        // A red flag may send a calmer conversation back to be searched again: go on until nobody is left to search.
        while (_toSearch.Count > 0)
        {
            var batch = _toSearch.Where(w => _queue.Find(w.ConversationId) == w).Order(WaitingQueue.Order).ToArray();
            _toSearch.Clear();
            foreach (var waiting in batch)
            {
                if (waiting.Offers.Count < OffersAtOnce)
                {
                    Search(waiting, among: null, changes, now);
                }
            }
        }

        return changes;
    }

    /// <summary>
    /// Offers the conversation to the best supporters, as many as it is short of: among <paramref name="among"/> only
    /// (supporters who just gained room), or else among everyone.
    /// </summary>
    private void Search(WaitingConversation waiting, IReadOnlyList<SupporterEntry>? among, MatchChanges changes, DateTimeOffset now)
    {
        var chosen = Best(waiting, among, now);
        if (chosen.Count == 0 && among is null && waiting.LetLapse.Count > 0 && !HoldsForSharedExperience(waiting, now))
        {
            // Everyone free let it lapse once: try them again rather than leave the person stuck.
            waiting.LetLapse.Clear();
            waiting.Exclusions();
            chosen = Best(waiting, among, now);
        }

        if (chosen.Count == 0 && among is null && waiting.Request.Risk.IsRedFlag() && CalmerOfferToRedirect(waiting, now) is { } calmer)
        {
            // A red flag never waits behind an offer of a calmer conversation to a crisis-trained supporter: that offer is
            // withdrawn, its place goes to the red flag, and the calmer conversation is searched again.
            Withdraw(calmer, changes, now);
            chosen = Best(waiting, among: null, now);
        }

        if (chosen.Count == 0 && among is null && waiting.Request.Risk.IsRedFlag() && HolderOfAnotherShardsOffer(waiting, now) is { } holder)
        {
            // Places held by other shards' offers look taken here, but the supporter's grain gives a calmer one up for
            // a red flag: offer it to them.
            chosen = [holder];
        }

        if (chosen.Count == 0 && among is null && waiting.Request.Risk.IsRedFlag() && CrisisSupporterAtRest(waiting, now) is { } resting)
        {
            // The cool-down after a red flag protects a supporter, but never at the cost of leaving a red flag without a
            // person: when no one else can take it, the crisis-trained supporter whose rest ends soonest is asked.
            chosen = [resting];
        }

        waiting.HoldingForSharedExperience = chosen.Count == 0 && HoldsForSharedExperience(waiting, now);
        foreach (var entry in chosen)
        {
            Offer(waiting, entry, changes, now);
        }
    }

    /// <summary>
    /// A qualified supporter whose only lack of room is offers from other shards (which may be calmer), least loaded first.
    /// </summary>
    private SupporterEntry? HolderOfAnotherShardsOffer(WaitingConversation redFlag, DateTimeOffset now) =>
        _supporters.Online
            .Where(entry => entry.Announced.HeldOffers > entry.OwnOffers
                && !redFlag.Offered(entry.Id)
                && !redFlag.HandedBack.Contains(entry.Id)
                && scorer.Score(redFlag.Request, entry.Announced, now) is not null)
            .MinBy(entry => (double)entry.Announced.ActiveChats / Math.Max(1, entry.Announced.Profile.MaxConcurrentChats));

    /// <summary>A supporter who would qualify for this red flag but for their cool-down, the one resting longest first.</summary>
    private SupporterEntry? CrisisSupporterAtRest(WaitingConversation redFlag, DateTimeOffset now) =>
        _supporters.Online
            .Where(entry => entry.Announced.IsCoolingDown(now)
                && !redFlag.Offered(entry.Id)
                && !redFlag.HandedBack.Contains(entry.Id)
                && scorer.Score(redFlag.Request, entry.Announced with { CoolDownUntil = null }, now) is not null)
            .MinBy(entry => entry.Announced.CoolDownUntil);

    /// <summary>
    /// An open offer of a conversation that is not a red flag, held by a crisis-trained supporter who could take this red
    /// flag; of the conversation served last, so the one bumped is the one that would have waited longest anyway.
    /// </summary>
    private Offer? CalmerOfferToRedirect(WaitingConversation redFlag, DateTimeOffset now)
    {
        Offer? calmest = null;
        WaitingConversation? calmestWaiting = null;
        foreach (var offer in _offers.Values)
        {
            if (offer.Risk.IsRedFlag()
                || _queue.Find(offer.ConversationId) is not { } waiting
                || _supporters.Find(offer.SupporterId) is not { } holder
                || scorer.Score(redFlag.Request, holder.Announced, now) is null)
            {
                continue;
            }

            if (calmestWaiting is null || WaitingQueue.Order.Compare(waiting, calmestWaiting) > 0)
            {
                (calmest, calmestWaiting) = (offer, waiting);
            }
        }

        return calmest;
    }

    /// <summary>
    /// Past supporters first, then the groups of shared experience from the most shared down, each group's fairest few,
    /// stopping when no group left could beat the shortlist; then, unless holding out for shared experience, the fairest
    /// few of everyone.
    /// </summary>
    private IReadOnlyList<SupporterEntry> Best(WaitingConversation waiting, IReadOnlyList<SupporterEntry>? among, DateTimeOffset now)
    {
        var request = waiting.Request;

        // The supporter the person asked for again is offered alone while they can take the chat; else the search goes on
        // as for anyone.
        if (request.AskedFor is { } asked && _supporters.Find(asked) is { Joined: true } wanted
            && (among is null || among.Contains(wanted)) && !waiting.Offered(asked)
            && scorer.Score(request, wanted.View, now) is not null)
        {
            return [wanted];
        }

        var shortlist = new Shortlist(OffersAtOnce - waiting.Offers.Count);
        var holding = HoldsForSharedExperience(waiting, now);
        var decision = ++_decision;

        bool Consider(SupporterEntry entry)
        {
            if (!entry.Joined
                || !entry.Visit(decision)
                || waiting.Offered(entry.Id)
                || scorer.Score(request, entry.View, now) is not { } score
                || (holding && !scorer.SharesExperience(request, entry.View)))
            {
                return false;
            }

            shortlist.Consider(entry, score);
            return true;
        }

        void ConsiderFirst(IEnumerable<SupporterEntry> fairestFirst)
        {
            var taken = 0;
            foreach (var entry in fairestFirst)
            {
                if (taken >= Shortlisted)
                {
                    return;
                }

                taken += Consider(entry) ? 1 : 0;
            }
        }

        if (among is not null)
        {
            foreach (var entry in among)
            {
                Consider(entry);
            }

            return shortlist.Chosen;
        }

        foreach (var past in request.PastSupporters)
        {
            if (_supporters.Find(past) is { } entry)
            {
                Consider(entry);
            }
        }

        var groups = _supporters.GroupsWithAnyOf(request.Themes, decision)
            .Select(group => (Group: group, Share: scorer.SharedShare(request, group.LivedExperience)))
            .OrderByDescending(g => g.Share);
        foreach (var (group, share) in groups)
        {
            if (shortlist.IsFull && scorer.Ceiling(share) <= shortlist.Floor)
            {
                break;
            }

            ConsiderFirst(group.Free);
        }

        if (!holding)
        {
            ConsiderFirst(_supporters.ByFairness);
        }

        return shortlist.Chosen;
    }

    /// <summary>
    /// A conversation that is not a red flag waits a while for someone who shares its experience, as long as someone
    /// online does (busy now, perhaps free soon); after that, or with nobody to wait for, anyone qualified will do.
    /// </summary>
    private bool HoldsForSharedExperience(WaitingConversation waiting, DateTimeOffset now)
    {
        var request = waiting.Request;
        if (request.Risk.IsRedFlag() || now >= request.WaitingSince + options.LivedExperienceWait)
        {
            return false;
        }

        return request.Themes.Any(t => SomeoneOnlineWith(t.Id, request.ExcludedSupporters))
            || request.PastSupporters.Any(p => _supporters.Find(p) is not null && !request.ExcludedSupporters.Contains(p));
    }

    /// <summary>Someone online, not excluded for this person, who has lived through the theme.</summary>
    private bool SomeoneOnlineWith(string theme, string[] excluded) =>
        _supporters.OnlineWith(theme) > excluded.Count(id =>
            _supporters.Find(id)?.Announced.Profile.LivedExperience.Contains(theme) == true);

    private void Offer(WaitingConversation waiting, SupporterEntry entry, MatchChanges changes, DateTimeOffset now)
    {
        var request = waiting.Request;
        var explained = scorer.Explain(request, entry.View, now);
        var reasons = explained.Reasons;
        if (explained.SharedExperience.Length == 0 && request.Themes.Length > 0 && !request.Risk.IsRedFlag())
        {
            reasons = [.. reasons, "nobody who shares their experience was free in time"];
        }

        var offer = new Offer(
            Guid.NewGuid().ToString("N"),
            request.ConversationId,
            entry.Id,
            matchmakerKey,
            request.Themes.Select(t => t.Id).ToArray(),
            request.Risk,
            reasons,
            explained.SharedExperience,
            now + options.OfferTimeout,
            request.Handoff);
        _offers[offer.OfferId] = offer;
        waiting.Offers.Add(offer);
        _supporters.Reserve(entry, now);
        changes.Made.Add(offer);
    }

    private void Withdraw(Offer offer, MatchChanges changes, DateTimeOffset now)
    {
        if (_offers.ContainsKey(offer.OfferId))
        {
            Drop(offer, now);
            changes.Withdrawn.Add(offer);
        }
    }

    /// <summary>The offer is gone: its place goes back to the supporter and the conversation is short of an offer.</summary>
    private void Drop(Offer offer, DateTimeOffset now)
    {
        _offers.Remove(offer.OfferId);
        if (_supporters.Unreserve(offer.SupporterId, now) && _supporters.Find(offer.SupporterId) is { } entry)
        {
            _freed.Add(entry);
        }

        if (_queue.Find(offer.ConversationId) is { } waiting)
        {
            waiting.Offers.Remove(offer);
            _toSearch.Add(waiting);
        }
    }

    /// <summary>Red flags that have waited longer than <paramref name="limit"/> for a crisis-trained supporter.</summary>
    public IEnumerable<(string ConversationId, TimeSpan Waited)> RedFlagsWaitingLongerThan(TimeSpan limit)
    {
        var now = time.GetUtcNow();
        return _queue.InOrder
            .Select(w => w.Request)
            .Where(r => r.Risk.IsRedFlag() && now - r.WaitingSince > limit)
            .Select(r => (r.ConversationId, now - r.WaitingSince));
    }

    /// <summary>The queue and the supporters as the operators' gauges show them.</summary>
    public QueuePicture Picture()
    {
        var now = time.GetUtcNow();
        var waiting = _queue.InOrder.Select(w => w.Request).ToList();
        var redFlags = waiting.Where(r => r.Risk.IsRedFlag()).ToList();
        return new QueuePicture(
            waiting.GroupBy(r => r.Risk).ToDictionary(g => g.Key, g => g.Count()),
            waiting.Select(r => (now - r.WaitingSince).TotalSeconds).DefaultIfEmpty(0).Max(),
            redFlags.Count,
            redFlags.Select(r => (now - r.WaitingSince).TotalSeconds).DefaultIfEmpty(0).Max(),
            _supporters.OnlineCount,
            _supporters.FreeSlots);
    }

    /// <param name="capable">Counts already made in this round for requests without exclusions, by what rules them.</param>
    private void Announce(
        WaitingConversation waiting, int position, MatchChanges changes, DateTimeOffset now,
        Dictionary<(string Language, bool RedFlag), (int Online, int Free)>? capable = null)
    {
        var request = waiting.Request;
        (int Online, int Free) counts;
        if (request.ExcludedSupporters.Length > 0 || capable is null)
        {
            counts = Capable(request);
        }
        else if (!capable.TryGetValue((request.Language, request.Risk.IsRedFlag()), out counts))
        {
            counts = capable[(request.Language, request.Risk.IsRedFlag())] = Capable(request);
        }

        var wait = _estimator.Seconds(position, counts.Free, counts.Online, _supporters.OnlineCount, now);
        var standing = new QueueStanding(position, counts.Online == 0 ? 0 : wait, counts.Online == 0);
        if (!_announced.TryGetValue(waiting.ConversationId, out var told) || told != standing)
        {
            _announced[waiting.ConversationId] = standing;
            changes.Standings.Add((waiting.ConversationId, standing));
        }
    }

    /// <summary>Supporters online who could take this chat, busy or not, and their free places.</summary>
    private (int Online, int Free) Capable(MatchRequest request)
    {
        var (online, free) = (0, 0);
        foreach (var entry in _supporters.Online)
        {
            if (scorer.CouldTake(request, entry.View))
            {
                online++;
                free += entry.Joined ? Math.Max(0, entry.FreeSlots) : 0; // free and not resting after a red flag
            }
        }

        return (online, free);
    }
}

/// <summary>What one matchmaker operation asks to be sent.</summary>
public sealed class MatchChanges
{
    public List<Offer> Made { get; } = [];

    public List<Offer> Withdrawn { get; } = [];

    public List<(string ConversationId, QueueStanding Standing)> Standings { get; } = [];

    /// <summary>Those of <see cref="Withdrawn"/> that ran out of time unanswered.</summary>
    public List<Offer> Expired { get; } = [];
}
