using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoriBoard.Matching;
using StoriBoard.Supporters;
using StoriBoard.Telemetry;

namespace StoriBoard;

/// <summary>
/// A peer supporter (or supervisor). The one place their capacity is decided: accepts run one at a time here, so two
/// offers accepted at once can never take a supporter over their limit, however many matchmaker shards offer them. Also
/// the keeper of their shift wellbeing: red-flag chats this shift, and a cool-down after each one.
/// </summary>
public sealed partial class SupporterGrain(
    [PersistentState("supporter", Storage.Staff)] IPersistentState<SupporterGrain.SupporterState> state,
    IOptions<MatchingOptions> options,
    IOptions<DeliveryOptions> delivery,
    TimeProvider time,
    Reports.NightFigures figures,
    ILogger<SupporterGrain> logger) : Grain, ISupporterGrain
{
    private readonly Reports.ShiftTally _shift = new();
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);
    private readonly HeldOffers _offers = new();

    /// <summary>Looks at the hosts' liveness every few seconds while offers are held (see <see cref="ForgetDeadHosts"/>).</summary>
    private IGrainTimer? _hostCheck;

    /// <summary>Tells the matchmakers again, while connected, that the supporter is there (see <see cref="StayKnown"/>).</summary>
    private IGrainTimer? _stayKnown;

    private string SupporterId => this.GetPrimaryKeyString();

    private SupporterState S => state.State;

    /// <summary>What matching sees: the declared status only counts while the supporter is connected somewhere.</summary>
    private Presence EffectivePresence => _hosts.Count > 0 ? S.Declared : Presence.Offline;

    public async Task<SupporterView> Register(SupporterProfile profile)
    {
        if (state.RecordExists)
        {
            throw HelplineException.Conflict("This supporter is already registered.");
        }

        S.Profile = profile;
        S.Declared = Presence.Offline;
        S.IdleSince = time.GetUtcNow();
        await state.WriteStateAsync();
        return View(RequireProfile());
    }

    public async Task<SupporterView> Update(SupporterProfile profile)
    {
        RequireProfile();
        S.Profile = profile;
        await state.WriteStateAsync();

        // The matchmakers hear the new languages and capacity at once, not at the next refresh.
        await PresenceChanged();
        return View(profile);
    }

    public Task<SupporterProfile?> Profile() => Task.FromResult(state.RecordExists ? S.Profile : null);

    public Task<SupporterView> View() => Task.FromResult(View(RequireProfile()));

    public async Task<SupporterView> SetAvailability(Presence presence)
    {
        var profile = RequireProfile();
        if (S.Declared == Presence.Offline && presence == Presence.Online)
        {
            // Signing on after being offline starts a new shift.
            S.RedFlagChatsThisShift = 0;
        }

        S.Declared = presence;
        await state.WriteStateAsync();
        await PresenceChanged();
        return View(profile);
    }

    public async Task Connected(string hostId)
    {
        var profile = RequireProfile();
        var before = EffectivePresence;
        if (_hosts.Add(hostId) && profile.Role == Role.Supervisor)
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).SupervisorPresent(SupporterId, true);
        }

        var every = options.Value.SupporterRefreshInterval;
        _stayKnown ??= this.RegisterGrainTimer(StayKnown, every, every);

        if (EffectivePresence != before)
        {
            await PresenceChanged();
        }
        else
        {
            // A host attaching again after a silo died: the matchmaker shards that died with it start empty.
            await Announce(profile);
        }
    }

    public async Task Disconnected(string hostId)
    {
        if (!_hosts.Remove(hostId) || _hosts.Count > 0 || S.Profile is not { } profile)
        {
            return;
        }

        _stayKnown?.Dispose();
        _stayKnown = null;

        if (profile.Role == Role.Supervisor)
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).SupervisorPresent(SupporterId, false);
        }

        await PresenceChanged();
    }

    public async Task ReceiveOffer(Offer offer)
    {
        if (S.Profile is not { } profile)
        {
            return;
        }

        await ForgetDeadHosts();
        var arrival = _offers.Receive(offer, Situation(profile));
        if (arrival.Displaced is { } displaced)
        {
            await Deliver(ClientEvent.OfferWithdrawn(displaced.OfferId));
            await Matchmaker(displaced.MatchmakerKey).Returned(displaced.OfferId, Availability(profile));
        }

        if (arrival.Held)
        {
            try
            {
                await Deliver(ClientEvent.Offer(offer.ToView()));
            }
            catch (Exception exception) when (exception is not HelplineException)
            {
                // Nobody can see an offer their screens were never sent, and it would hold the conversation for its
                // whole timeout: it is let go, and the failure tells the matchmaker to offer it to someone reachable.
                _offers.TryTake(offer.OfferId, out _);
                throw;
            }

            // A host that died just now still looks alive: look again every few check-ins while offers are held.
            var every = 3 * delivery.Value.CheckInInterval;
            _hostCheck ??= this.RegisterGrainTimer(CheckHostsWhileHolding, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _hostCheck.Change(every, every);
        }
        else
        {
            // Not a decline: another shard's offer got here first, or the supporter has gone. The offer moves on.
            await Matchmaker(offer.MatchmakerKey).Returned(offer.OfferId, Availability(profile));
        }
    }

    public async Task WithdrawOffer(string offerId)
    {
        if (_offers.TryTake(offerId, out _))
        {
            await Deliver(ClientEvent.OfferWithdrawn(offerId));
            await RoomAgain();
        }
    }

    public async Task<ConversationView> Accept(string offerId)
    {
        var profile = RequireProfile();
        if (!_offers.TryTake(offerId, out var offer))
        {
            throw HelplineException.Conflict("This offer has expired or been withdrawn.");
        }

        if (!HeldOffers.HasRoomToAccept(Situation(profile)))
        {
            await Matchmaker(offer.MatchmakerKey).Returned(offerId, Availability(profile));
            await RoomAgain();
            throw HelplineException.Conflict("You are at your limit of chats; end one before accepting another.");
        }

        var summary = new SupporterSummary(SupporterId, profile.DisplayName, offer.SharedExperience);
        ConversationView conversation;
        try
        {
            conversation = await GrainFactory.GetGrain<IConversationGrain>(offer.ConversationId).Assign(offerId, summary, profile.CrisisTrained);
        }
        catch (HelplineException)
        {
            // Someone else joined first, or the person left: the offer is over, not declined.
            await Matchmaker(offer.MatchmakerKey).Returned(offerId, Availability(profile));
            await RoomAgain();
            throw;
        }

        S.Active.Add(offer.ConversationId);
        if (offer.Risk.IsRedFlag())
        {
            S.RedFlagActive.Add(offer.ConversationId);
            S.RedFlagChatsThisShift++;
        }

        await state.WriteStateAsync();
        await Matchmaker(offer.MatchmakerKey).Matched(offer.ConversationId, offerId);
        await PresenceChanged();
        return conversation;
    }

    public async Task Decline(string offerId)
    {
        RequireProfile();
        if (!_offers.TryTake(offerId, out var offer))
        {
            throw HelplineException.Conflict("This offer has expired or been withdrawn.");
        }

        await Matchmaker(offer.MatchmakerKey).Declined(offerId);
        await RoomAgain();
    }

    public Task<OfferView[]> OpenOffers() => Task.FromResult(_offers.All.Select(o => o.ToView()).ToArray());

    public async Task Released(string conversationId, RiskLevel highestRisk)
    {
        if (!S.Active.Remove(conversationId))
        {
            return;
        }

        var countedAtAccept = S.RedFlagActive.Remove(conversationId);
        if (highestRisk.IsRedFlag() && !countedAtAccept)
        {
            // The chat became a red flag after it started: it weighs on the shift all the same.
            S.RedFlagChatsThisShift++;
        }

        S.IdleSince = time.GetUtcNow();
        if (countedAtAccept || highestRisk.IsRedFlag())
        {
            S.CoolDownUntil = S.IdleSince + options.Value.RedFlagCoolDown;
        }

        await state.WriteStateAsync();
        await PresenceChanged();
    }

    /// <summary>
    /// A gateway that crashed never says goodbye: before an offer is held for the supporter, hosts the roll no longer
    /// sees alive are let go, so the offer moves on at once instead of waiting out its timeout on a dead screen.
    /// </summary>
    private async Task ForgetDeadHosts()
    {
        if (_hosts.Count == 0)
        {
            return;
        }

        string[] live;
        try
        {
            live = await GrainFactory.GetGrain<IHostRollGrain>(0).Live([.. _hosts]);
        }
        catch (Exception exception) when (exception is not HelplineException)
        {
            // The roll died with its silo and is not back yet: it is a check, not a gate, so the offer goes on as held.
            logger.LogWarning(exception, "The roll of live hosts did not answer; supporter {SupporterId} keeps the hosts known", SupporterId);
            return;
        }

        foreach (var dead in _hosts.Except(live).ToArray())
        {
            await Disconnected(dead);
        }
    }

    private Task CheckHostsWhileHolding()
    {
        if (_offers.Count > 0)
        {
            return ForgetDeadHosts();
        }

        _hostCheck?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    /// <summary>Tells the matchmakers and the supporter's own screens; away or offline hands open offers back.</summary>
    private async Task PresenceChanged()
    {
        var profile = RequireProfile();
        var presence = EffectivePresence;
        _shift.Observe(figures, presence, S.Active.Count, time.GetUtcNow());
        logger.SupporterPresence(SupporterId, presence);
        if (presence != Presence.Online)
        {
            foreach (var offer in _offers.TakeAll())
            {
                await Deliver(ClientEvent.OfferWithdrawn(offer.OfferId));
            }
        }

        await Announce(profile);
        await Deliver(ClientEvent.Supporter(View(profile)));
    }

    /// <summary>
    /// A matchmaker shard that died with its silo starts empty, and may start again after the hosts' re-attachment
    /// has announced everyone: waiting conversations put themselves back on a reminder, and online supporters on this
    /// timer, so a red flag never waits long in a shard that does not know the crisis-trained supporters.
    /// </summary>
    private Task StayKnown() =>
        EffectivePresence == Presence.Online && S.Profile is { } profile ? Announce(profile) : Task.CompletedTask;

    /// <summary>Every shard of every language the supporter speaks hears the change, and so does the supervisors' floor.</summary>
    private Task Announce(SupporterProfile profile)
    {
        var availability = Availability(profile);
        _offers.Announced();
        return Task.WhenAll(profile.Languages
            .SelectMany(language => MatchmakerKeys.AllShards(language, options.Value.Shards))
            .Select(key => Matchmaker(key).UpdateSupporter(availability))
            .Append(GrainFactory.GetGrain<IFloorGrain>(0).Supporter(
                new(SupporterId, profile, EffectivePresence, [.. S.Active], S.CoolDownUntil))));
    }

    /// <summary>Shards told of held offers that are gone now would wrongly think the supporter full: tell them.</summary>
    private Task RoomAgain() =>
        _offers.ShardsThinkFuller && S.Profile is { } profile ? Announce(profile) : Task.CompletedTask;

    private SupporterSituation Situation(SupporterProfile profile) =>
        new(EffectivePresence, S.Active.Count, profile.MaxConcurrentChats, S.CoolDownUntil, time.GetUtcNow());

    /// <summary>What matching sees. A red-flag chat weighs more in the load, so crises are spread across supporters.</summary>
    private SupporterAvailability Availability(SupporterProfile? profile) =>
        new(SupporterId,
            profile ?? RequireProfile(),
            EffectivePresence,
            S.Active.Count,
            S.Active.Count + S.RedFlagActive.Count * (options.Value.RedFlagLoadWeight - 1),
            S.IdleSince,
            S.RedFlagChatsThisShift,
            S.CoolDownUntil)
        {
            HeldOfferIds = [.. _offers.All.Select(o => o.OfferId)],
        };

    private SupporterView View(SupporterProfile profile) =>
        new(SupporterId, profile.DisplayName, S.Declared, S.Active.Count, profile.MaxConcurrentChats, profile.CrisisTrained, profile.Role);

    private SupporterProfile RequireProfile() =>
        state.RecordExists && S.Profile is { } profile ? profile : throw HelplineException.NotFound("This supporter");

    private IMatchmakerGrain Matchmaker(string key) => GrainFactory.GetGrain<IMatchmakerGrain>(key);

    private Task Deliver(ClientEvent clientEvent) =>
        GrainFactory.GetGrain<IInboxGrain>(Participant.Supporter(SupporterId).InboxKey).Deliver(clientEvent);

    [GenerateSerializer, Alias("StoriBoard.SupporterGrain.SupporterState")]
    public sealed class SupporterState
    {
        [Id(0)] public SupporterProfile? Profile { get; set; }
        [Id(1)] public Presence Declared { get; set; }
        [Id(2)] public HashSet<string> Active { get; set; } = [];
        [Id(3)] public DateTimeOffset IdleSince { get; set; }
        [Id(4)] public int RedFlagChatsThisShift { get; set; }
        [Id(5)] public HashSet<string> RedFlagActive { get; set; } = [];
        [Id(6)] public DateTimeOffset? CoolDownUntil { get; set; }
    }
}
