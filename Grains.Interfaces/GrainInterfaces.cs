using Orleans.Concurrency;

namespace StoriBoard;

/// <summary>An anonymous help-seeker: preferences, conversations, past supporters, risk history.</summary>
[Alias("StoriBoard.IHelpSeekerGrain")]
public interface IHelpSeekerGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task Create(SessionPreferences preferences);

    [Alias("Exists")]
    Task<bool> Exists();

    [Alias("StartConversation")]
    Task<ConversationView> StartConversation();

    [Alias("Conversations")]
    Task<string[]> Conversations();

    [OneWay, Alias("ConversationClosed")]
    Task ConversationClosed(string conversationId, string? supporterId, RiskLevel highestRisk);

    /// <summary>Erases every conversation and transcript of this person, then the person.</summary>
    [Alias("Erase")]
    Task Erase();

    /// <summary>The quick exit: every open conversation of this person ends at once, and their supporters are told.</summary>
    [Alias("QuickExit")]
    Task QuickExit();

    /// <summary>A gateway host has a connection of this person's open.</summary>
    [OneWay, Alias("Present")]
    Task Present(string hostId);

    /// <summary>
    /// A gateway host's last connection of this person closed. Once they have no connection anywhere for the page
    /// closed grace, a conversation still waiting for a supporter ends.
    /// </summary>
    [OneWay, Alias("Away")]
    Task Away(string hostId);
}

/// <summary>How a help-seeker left a conversation without ending it themselves.</summary>
[Alias("StoriBoard.Departure")]
public enum Departure
{
    /// <summary>The quick exit: every open conversation ends.</summary>
    QuickExit,

    /// <summary>The page stayed closed past the grace: only a conversation waiting for a supporter ends.</summary>
    PageClosed,
}

[GenerateSerializer, Alias("StoriBoard.ConversationOpening")]
public sealed record ConversationOpening(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] string Language,
    [property: Id(2)] string Region,
    [property: Id(3)] string[] PastSupporters,
    [property: Id(4)] PlanStepView[]? Plan = null,
    [property: Id(5)] PersonPattern? Pattern = null);

/// <summary>One conversation: status, seq-numbered messages (in the transcript store), analysis, risk, assigned supporter.</summary>
[Alias("StoriBoard.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    [Alias("Open")]
    Task<ConversationView> Open(ConversationOpening opening);

    [Alias("View")]
    Task<ConversationView> View(Participant caller);

    [Alias("Send")]
    Task<MessageView> Send(Participant caller, string? clientMessageId, string text);

    [Alias("History")]
    Task<MessageView[]> History(Participant caller, long afterSeq);

    [Alias("RequestPeer")]
    Task<ConversationView> RequestPeer(Participant caller);

    /// <summary>Asks for a peer, preferring the supporter this person spoke with last: offered first when free.</summary>
    [Alias("RequestPeerAgain")]
    Task<ConversationView> RequestPeerAgain(Participant caller);

    /// <summary>
    /// Whose conversation this is and who supports it, for the person's plan; participants only. Interleaves, as it only
    /// reads: the plan may be asking while this conversation asks the plan for its steps.
    /// </summary>
    [AlwaysInterleave, Alias("PlanContext")]
    Task<ConversationPlanContext> PlanContext(Participant caller);

    [Alias("End")]
    Task<ConversationView> End(Participant caller, int? rating, string? note);

    /// <summary>
    /// A person raises or lowers the conversation's risk, with a reason: the chat's supporter or a supervisor; clearing
    /// a red flag takes a crisis-trained supporter or a supervisor. Kept in the risk changes with who and why.
    /// </summary>
    [Alias("SetRisk")]
    Task<ConversationView> SetRisk(Participant caller, RiskLevel level, string? reason);

    /// <summary>
    /// A supporter accepted an offer: the first acceptance wins, later ones get a conflict. A crisis-trained supporter
    /// also takes over a peer chat that became a red flag with someone who is not.
    /// </summary>
    [Alias("Assign")]
    Task<ConversationView> Assign(string offerId, SupporterSummary supporter, bool crisisTrained);

    [OneWay, Alias("QueueChanged")]
    Task QueueChanged(QueueStanding standing);

    [Alias("Erase")]
    Task Erase(string seekerId);

    /// <summary>
    /// The seeker has gone without ending (see <see cref="Departure"/>). A waiting red flag is never ended because a
    /// page closed: the person may come back, and a crisis-trained supporter reaching out costs little.
    /// </summary>
    [Alias("Left")]
    Task Left(string seekerId, Departure departure);

    /// <summary>The chat's wrap-up (rating and private note), for a supervisor or an admin.</summary>
    [Alias("WrapUp")]
    Task<WrapUpView> WrapUp(Participant caller);

    /// <summary>The whole transcript as a supervisor sees it, whispers included; supervisors only.</summary>
    [Alias("Transcript")]
    Task<MessageView[]> Transcript(Participant supervisor);

    /// <summary>A supervisor joins a peer chat as a visible third participant; both sides are told.</summary>
    [Alias("Join")]
    Task<ConversationView> Join(Participant supervisor, string displayName);

    /// <summary>A supervisor who joined leaves the chat; both sides are told.</summary>
    [Alias("Leave")]
    Task<ConversationView> Leave(Participant supervisor);

    /// <summary>A message only the chat's supporter and the supervisors who joined receive; never the help-seeker.</summary>
    [Alias("Whisper")]
    Task<MessageView> Whisper(Participant supervisor, string displayName, string? clientMessageId, string text);

    /// <summary>
    /// A supervisor moves the chat to someone (themselves, for a take-over), called by that person's supporter grain
    /// while it holds their place. The one before is released and told, as in a crisis hand-over.
    /// </summary>
    [Alias("Appoint")]
    Task<ConversationView> Appoint(Participant supervisor, Appointee appointee);

    /// <summary>Tells the supervisors' floor how this conversation stands (a floor that lost its memory asks).</summary>
    [OneWay, Alias("TellFloor")]
    Task TellFloor();
}

/// <summary>A peer supporter (or supervisor): profile, presence, load, open offers, shift wellbeing.</summary>
[Alias("StoriBoard.ISupporterGrain")]
public interface ISupporterGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task<SupporterView> Register(SupporterProfile profile);

    [Alias("Profile")]
    Task<SupporterProfile?> Profile();

    /// <summary>An admin edited the profile (lived experience, languages, capacity, crisis training, role).</summary>
    [Alias("Update")]
    Task<SupporterView> Update(SupporterProfile profile);

    [Alias("View")]
    Task<SupporterView> View();

    [Alias("SetAvailability")]
    Task<SupporterView> SetAvailability(Presence presence);

    /// <summary>The last connection of this supporter on one gateway host closed.</summary>
    [Alias("Disconnected")]
    Task Disconnected(string hostId);

    [Alias("Connected")]
    Task Connected(string hostId);

    /// <summary>
    /// The matchmaker never waits on this within its own turn (see MatchmakerGrain); it only hears whether the offer
    /// arrived. A supporter who cannot take it hands it back.
    /// </summary>
    [Alias("ReceiveOffer")]
    Task ReceiveOffer(Offer offer);

    [OneWay, Alias("WithdrawOffer")]
    Task WithdrawOffer(string offerId);

    [Alias("Accept")]
    Task<ConversationView> Accept(string offerId);

    [Alias("Decline")]
    Task Decline(string offerId);

    [Alias("OpenOffers")]
    Task<OfferView[]> OpenOffers();

    /// <summary>A chat ended; its highest risk decides whether the supporter gets a cool-down.</summary>
    [Alias("Released")]
    Task Released(string conversationId, RiskLevel highestRisk);

    /// <summary>
    /// A supervisor gives this supporter a chat (or, when the supervisor is this one, takes it over). Checked here,
    /// one call at a time like an acceptance, so the place cannot be double-booked: online and with room (not asked of
    /// a supervisor taking over), then the conversation checks language and red-flag training.
    /// </summary>
    [Alias("Appoint")]
    Task<ConversationView> Appoint(string conversationId, Participant supervisor);
}

/// <summary>
/// Queues waiting conversations (risk first, then waiting time), indexes available supporters, and makes offers.
/// Keyed by language (and shard), so no single grain carries the nation.
/// </summary>
[Alias("StoriBoard.IMatchmakerGrain")]
public interface IMatchmakerGrain : IGrainWithStringKey
{
    [Alias("Enqueue")]
    Task Enqueue(MatchRequest request);

    [Alias("Withdraw")]
    Task Withdraw(string conversationId);

    [Alias("UpdateSupporter")]
    Task UpdateSupporter(SupporterAvailability availability);

    /// <summary>The supporter said no to this person: they are not offered this conversation again.</summary>
    [Alias("Declined")]
    Task Declined(string offerId);

    /// <summary>
    /// The supporter could not take the offer (full with offers from other shards, or no longer online); the offer moves
    /// on without counting as a decline, and the shard corrects what it knows of them.
    /// </summary>
    [Alias("Returned")]
    Task Returned(string offerId, SupporterAvailability availability);

    [Alias("Matched")]
    Task Matched(string conversationId, string offerId);
}

/// <summary>Delivers one participant's events to the gateway hosts where that participant is connected.</summary>
[Alias("StoriBoard.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    [Alias("Attach")]
    Task Attach(string hostId, IGatewayObserver host);

    [Alias("Detach")]
    Task Detach(string hostId);

    [Alias("Deliver")]
    Task Deliver(ClientEvent clientEvent);
}

/// <summary>
/// The roll of live gateway hosts. Hosts check in every few seconds; the answer tells a host to attach its people's
/// inboxes again (it was not known here, or a silo has left the cluster since its last check-in). Supporters ask it
/// which of their hosts are still alive before they hold an offer, so no offer waits on a host that died.
/// </summary>
[Alias("StoriBoard.IHostRollGrain")]
public interface IHostRollGrain : IGrainWithIntegerKey
{
    /// <param name="silo">The silo in the host's own process (its parsable address), or null for a gateway that is only a client.</param>
    [Alias("CheckIn")]
    Task<bool> CheckIn(string hostId, string? silo);

    [Alias("Live")]
    Task<string[]> Live(string[] hostIds);
}

/// <summary>One per gateway host: takes events for the participants connected there. Enqueues and returns at once.</summary>
[Alias("StoriBoard.IGatewayObserver")]
public interface IGatewayObserver : IGrainObserver
{
    [OneWay, Alias("Deliver")]
    Task Deliver(string inboxKey, ClientEvent clientEvent);
}

/// <summary>The supervisors' live board of red-flag conversations.</summary>
[Alias("StoriBoard.IRedFlagBoardGrain")]
public interface IRedFlagBoardGrain : IGrainWithIntegerKey
{
    [Alias("SupervisorPresent")]
    Task SupervisorPresent(string supervisorId, bool present);

    [Alias("Raise")]
    Task Raise(ConversationView conversation);

    [Alias("Resolve")]
    Task Resolve(string conversationId);

    [Alias("Open")]
    Task<ConversationView[]> Open();
}

/// <summary>The classifier as a grain, for callers outside the silo (the HTTP API in client topology).</summary>
[Alias("StoriBoard.IClassifierGrain")]
public interface IClassifierGrain : IGrainWithIntegerKey
{
    [Alias("Classify")]
    Task<MessageAnalysis> Classify(string text);
}

/// <summary>Answers when the silo and its grain storage answer: behind GET /health.</summary>
[Alias("StoriBoard.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    [Alias("Check")]
    Task Check();
}
