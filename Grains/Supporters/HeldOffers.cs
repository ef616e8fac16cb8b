namespace StoriBoard.Supporters;

/// <summary>Where a supporter stands when an offer arrives or is accepted.</summary>
/// <param name="Presence">Declared presence while connected somewhere; offline otherwise.</param>
public readonly record struct SupporterSituation(
    Presence Presence, int ActiveChats, int Capacity, DateTimeOffset? CoolDownUntil, DateTimeOffset Now)
{
    public bool IsCoolingDown => CoolDownUntil > Now;
}

/// <summary>What happens to an arriving offer.</summary>
/// <param name="Held">Shown to the supporter; otherwise handed back to its shard (not a decline).</param>
/// <param name="Displaced">A calmer held offer that gave up its place to a red flag, to hand back.</param>
public readonly record struct OfferArrival(bool Held, Offer? Displaced);

/// <summary>
/// The offers one supporter holds, and the rules for holding and accepting them. Pure, so the capacity and red-flag
/// rules are tested on their own; the supporter grain runs one call at a time, which makes the rules safe to apply.
/// </summary>
public sealed class HeldOffers
{
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);

    /// <summary>The most held offers any shard has been told of; when fewer are held, the shards must hear it again.</summary>
    private int _announced;

    public int Count => _offers.Count;

    public IEnumerable<Offer> All => _offers.Values;

    /// <summary>
    /// An offer arrives. Held offers count as taken places, since every shard offers independently. A red flag takes
    /// the place of a calmer held offer rather than wait; only a red flag reaches someone cooling down.
    /// </summary>
    public OfferArrival Receive(Offer offer, SupporterSituation situation)
    {
        Offer? displaced = null;
        if (situation.Presence == Presence.Online && offer.Risk.IsRedFlag() && IsFull(situation)
            && _offers.Values.Where(o => o.Risk < offer.Risk).MinBy(o => o.Risk) is { } calmer)
        {
            _offers.Remove(calmer.OfferId);
            displaced = calmer;
        }

        if (situation.Presence != Presence.Online || (situation.IsCoolingDown && !offer.Risk.IsRedFlag()) || IsFull(situation))
        {
            _announced = Math.Max(_announced, _offers.Count);
            return new OfferArrival(Held: false, displaced);
        }

        _offers[offer.OfferId] = offer;
        return new OfferArrival(Held: true, displaced);
    }

    /// <summary>Takes a held offer out (accepted, declined or withdrawn); false when it is not held.</summary>
    public bool TryTake(string offerId, out Offer offer) => _offers.Remove(offerId, out offer!);

    /// <summary>An accepted offer becomes a chat only while a place is free: held offers do not count against it here.</summary>
    public static bool HasRoomToAccept(SupporterSituation situation) => situation.ActiveChats < situation.Capacity;

    /// <summary>Every held offer, taken out: the supporter went away or offline.</summary>
    public Offer[] TakeAll()
    {
        var all = _offers.Values.ToArray();
        _offers.Clear();
        return all;
    }

    /// <summary>Shards told of offers that are gone now would wrongly think the supporter full.</summary>
    public bool ShardsThinkFuller => _offers.Count < _announced;

    public void Announced() => _announced = _offers.Count;

    private bool IsFull(SupporterSituation situation) => situation.ActiveChats + _offers.Count >= situation.Capacity;
}
