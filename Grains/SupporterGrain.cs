using StoriBoard.Matching;

namespace StoriBoard;

/// <summary>
/// A peer supporter (or supervisor). The one place their capacity is decided: accepts run one at a time here, so two
/// offers accepted at once can never take a supporter over their limit.
/// </summary>
public sealed class SupporterGrain(
    [PersistentState("supporter", Storage.Name)] IPersistentState<SupporterGrain.SupporterState> state,
    TimeProvider time) : Grain, ISupporterGrain
{
    private readonly HashSet<string> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);

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

    public Task<SupporterProfile?> Profile() => Task.FromResult(state.RecordExists ? S.Profile : null);

    public Task<SupporterView> View() => Task.FromResult(View(RequireProfile()));

    public async Task<SupporterView> SetAvailability(Presence presence)
    {
        var profile = RequireProfile();
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

        if (EffectivePresence != before)
        {
            await PresenceChanged();
        }
    }

    public async Task Disconnected(string hostId)
    {
        if (!_hosts.Remove(hostId) || _hosts.Count > 0 || S.Profile is not { } profile)
        {
            return;
        }

        if (profile.Role == Role.Supervisor)
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).SupervisorPresent(SupporterId, false);
        }

        await PresenceChanged();
    }

    public async Task ReceiveOffer(Offer offer)
    {
        var profile = S.Profile;
        if (profile is null || EffectivePresence != Presence.Online || S.Active.Count + _offers.Count >= profile.MaxConcurrentChats)
        {
            await Matchmaker(offer.MatchmakerKey).Declined(offer.OfferId);
            return;
        }

        _offers[offer.OfferId] = offer;
        await Deliver(ClientEvent.Offer(offer.ToView()));
    }

    public async Task WithdrawOffer(string offerId)
    {
        if (_offers.Remove(offerId))
        {
            await Deliver(ClientEvent.OfferWithdrawn(offerId));
        }
    }

    public async Task<ConversationView> Accept(string offerId)
    {
        var profile = RequireProfile();
        if (!_offers.Remove(offerId, out var offer))
        {
            throw HelplineException.Conflict("This offer has expired or been withdrawn.");
        }

        if (S.Active.Count >= profile.MaxConcurrentChats)
        {
            await Matchmaker(offer.MatchmakerKey).Declined(offerId);
            throw HelplineException.Conflict("You are at your limit of chats; end one before accepting another.");
        }

        var summary = new SupporterSummary(SupporterId, profile.DisplayName, offer.SharedExperience);
        ConversationView conversation;
        try
        {
            conversation = await GrainFactory.GetGrain<IConversationGrain>(offer.ConversationId).Assign(offerId, summary);
        }
        catch (HelplineException)
        {
            await Matchmaker(offer.MatchmakerKey).Declined(offerId);
            throw;
        }

        S.Active.Add(offer.ConversationId);
        if (offer.Risk.IsRedFlag())
        {
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
        if (!_offers.Remove(offerId, out var offer))
        {
            throw HelplineException.Conflict("This offer has expired or been withdrawn.");
        }

        await Matchmaker(offer.MatchmakerKey).Declined(offerId);
    }

    public Task<OfferView[]> OpenOffers() => Task.FromResult(_offers.Values.Select(o => o.ToView()).ToArray());

    public async Task Released(string conversationId)
    {
        if (!S.Active.Remove(conversationId))
        {
            return;
        }

        S.IdleSince = time.GetUtcNow();
        await state.WriteStateAsync();
        await PresenceChanged();
    }

    /// <summary>Tells the matchmakers and the supporter's own screens; away or offline hands open offers back.</summary>
    private async Task PresenceChanged()
    {
        var profile = RequireProfile();
        var presence = EffectivePresence;
        if (presence != Presence.Online)
        {
            foreach (var offerId in _offers.Keys.ToArray())
            {
                _offers.Remove(offerId);
                await Deliver(ClientEvent.OfferWithdrawn(offerId));
            }
        }

        var availability = new SupporterAvailability(
            SupporterId, profile, presence, S.Active.Count, S.Active.Count, S.IdleSince, S.RedFlagChatsThisShift, null);
        await Task.WhenAll(profile.Languages.Select(language =>
            Matchmaker(MatchmakerKeys.For(language)).UpdateSupporter(availability)));
        await Deliver(ClientEvent.Supporter(View(profile)));
    }

    private SupporterView View(SupporterProfile profile) =>
        new(SupporterId, profile.DisplayName, S.Declared, S.Active.Count, profile.MaxConcurrentChats);

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
    }
}
