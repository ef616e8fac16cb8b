using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoriBoard.Languages;
using StoriBoard.Matching;
using StoriBoard.Responding;
using StoriBoard.Telemetry;
using StoriBoard.Transcripts;

namespace StoriBoard.Conversations;

/// <summary>
/// One conversation. A turn loads the record, lets the pure parts decide (<see cref="ConversationRecord"/>,
/// <see cref="TurnPolicy"/>, the responder), writes the state at most once, then acts and publishes. Every message is
/// stored (and given its seq) before it is pushed; a red flag is routed to a person before the AI says anything.
/// </summary>
public sealed partial class ConversationGrain(
    [PersistentState("conversation", Storage.Name)] IPersistentState<ConversationRecord> state,
    ITranscriptStore transcripts,
    SeekerTurnReader turns,
    LanguageReader languages,
    IResponder responder,
    HandoffWriter handoffs,
    IOptions<ConversationOptions> options,
    IOptions<MatchingOptions> matching,
    TimeProvider time,
    HelplineMetrics metrics,
    Reports.NightFigures figures,
    ILogger<ConversationGrain> logger) : Grain, IConversationGrain, IRemindable
{
    public const string SeekerName = "Anonymous";
    public const string HelplineName = "StoriBoard";
    private const string WaitingReminder = "waiting";
    private const int MaxHistoryPage = 500;

    private readonly FloodGuard _floodGuard = new(options.Value.MessagesPerWindow, options.Value.RateWindow, time);
    private readonly RecentClientIds _received = new();
    private QueueStanding? _standing;
    private DateTimeOffset _spokeOfTheWaitAt;

    /// <summary>The seeker's previous message, for judging the next in context. Kept in memory only: message text stays in the transcript.</summary>
    private PreviousTurn? _previousTurn;

    /// <summary>Whether this activation has registered the waiting reminder (see <see cref="Save"/>).</summary>
    private bool _waitingReminder;

    /// <summary>The highest seq this activation has stored or seen (see <see cref="SeqFloor"/>).</summary>
    private long _lastSeq;

    private string ConversationId => this.GetPrimaryKeyString();

    private ConversationRecord Record => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Record.Exists && Record.Status != ConversationStatus.Ended)
        {
            await CatchUpFromTranscript();
        }
    }

    public async Task<ConversationView> Open(ConversationOpening opening)
    {
        if (!Record.Exists)
        {
            Record.Open(opening, time.GetUtcNow());
            figures.ConversationStarted();
            await Save();
        }
        else if (Record.SeekerId != opening.SeekerId)
        {
            throw HelplineException.Conflict("This conversation id is taken.");
        }

        return View(Role.Seeker);
    }

    public Task<ConversationView> View(Participant caller)
    {
        ConversationAccess.RequireParticipant(Record, caller);
        return Task.FromResult(View(caller.Role));
    }

    public async Task<MessageView> Send(Participant caller, string? clientMessageId, string text)
    {
        ConversationAccess.RequireParticipant(Record, caller);
        ConversationAccess.RequireOpen(Record);
        ConversationAccess.ValidateMessage(options.Value, clientMessageId, text);

        Admit(caller, clientMessageId);
        return caller.Role == Role.Seeker ? await ReceiveFromSeeker(clientMessageId, text)
            : caller.Id == Record.Supporter?.SupporterId ? await ReceiveFromSupporter(clientMessageId, text)
            : await ReceiveFromSupervisor(caller, clientMessageId, text);
    }

    /// <summary>
    /// A repeated clientMessageId needs no look-up first: the transcript's append answers with the stored message.
    /// A message counts against the flood limit once, when it first arrives here: an honest retry never counts again,
    /// even when the attempt before it met a fault half-way.
    /// </summary>
    private void Admit(Participant caller, string? clientMessageId)
    {
        if (!_received.Contains(caller.Id, clientMessageId))
        {
            ConversationAccess.RequireWithinRate(options.Value, _floodGuard, caller);
            _received.Add(caller.Id, clientMessageId);
        }
    }

    public async Task<MessageView[]> History(Participant caller, long afterSeq)
    {
        ConversationAccess.RequireParticipant(Record, caller);
        if (afterSeq < 0)
        {
            throw HelplineException.Invalid("afterSeq must be zero or a seq you have seen.");
        }

        var messages = await transcripts.After(ConversationId, afterSeq, MaxHistoryPage);
        return messages.Where(m => ConversationViews.Sees(caller.Role, m)).Select(m => ConversationViews.For(m, caller.Role)).ToArray();
    }

    public async Task<ConversationView> RequestPeer(Participant caller)
    {
        ConversationAccess.RequireSeeker(Record, caller, "ask for a peer");
        ConversationAccess.RequireOpen(Record);
        if (Record.Status == ConversationStatus.Ai)
        {
            Record.AskForPeer(time.GetUtcNow());
            await Save();
            await Act(TurnActions.AskForPeer);
            await PublishView();
        }

        return View(Role.Seeker);
    }

    public async Task<ConversationView> RequestPeerAgain(Participant caller)
    {
        ConversationAccess.RequireSeeker(Record, caller, "ask for a peer");
        ConversationAccess.RequireOpen(Record);
        if (Record.PastSupporters.Count == 0)
        {
            throw HelplineException.NotFound("A supporter you spoke with before");
        }

        var asked = Record.PastSupporters[^1];
        if (Record.AskedFor == asked || Record.Status == ConversationStatus.Peer)
        {
            return View(Role.Seeker);
        }

        Record.AskedFor = asked;
        if (Record.Status == ConversationStatus.Ai)
        {
            return await RequestPeer(caller);
        }

        // Already waiting: the queue's entry learns whom they asked for.
        await Save();
        await Matchmaker.Enqueue(MatchRequest());
        return View(Role.Seeker);
    }

    public Task<ConversationPlanContext> PlanContext(Participant caller)
    {
        ConversationAccess.RequireParticipant(Record, caller);
        return Task.FromResult(new ConversationPlanContext(Record.SeekerId!, Record.Status, Record.Supporter));
    }

    public async Task<ConversationView> SetRisk(Participant caller, RiskLevel level, string? reason)
    {
        var why = ConversationAccess.RequireMayChangeRisk(Record, caller, level, reason);
        if (level == Record.Risk.Level)
        {
            return View(caller.Role);
        }

        var before = Record.Outline;
        SafetyAssessment.SetByPerson(Record.Safety, Record.Risk.Level, level, kind: null, caller.Id, why, time.GetUtcNow());
        Record.Risk.Set(level);
        var actions = Route(TurnPolicy.AfterRiskChange(before, Record));
        await Save();
        await Act(actions);
        await PublishView();
        return View(caller.Role);
    }

    public async Task<ConversationView> End(Participant caller, int? rating, string? note)
    {
        ConversationAccess.RequireMayEnd(Record, caller);
        ConversationAccess.ValidateEnding(options.Value, rating, note);
        if (Record.Status == ConversationStatus.Ended)
        {
            // The side that ends second still leaves its wrap-up: a supporter's note after the person left first.
            if (Record.WrapUp(caller.Role, rating, note))
            {
                figures.Rated(caller.Role, rating);
                await Save();
                await KeepWrapUp();
            }

            return View(caller.Role);
        }

        await Close(caller.Role, rating, note, caller.Role == Role.Seeker
            ? "The conversation has ended. Thank you for reaching out."
            : "Your supporter has ended the conversation. You can start a new one at any time.");
        await OfferPlanStep();
        return View(caller.Role);
    }

    public async Task Left(string seekerId, Departure departure)
    {
        ConversationAccess.RequireParticipant(Record, Participant.Seeker(seekerId));
        if (Record.Status == ConversationStatus.Ended)
        {
            return;
        }

        if (departure == Departure.PageClosed && (Record.Status != ConversationStatus.Waiting || Record.Risk.Level.IsRedFlag()))
        {
            return;
        }

        await Close(Role.Seeker, rating: null, note: null, departure == Departure.QuickExit
            ? "The person used the quick exit and has left. They may not have been able to keep talking safely."
            : "The person closed the page while waiting and did not come back, so the conversation has ended.");
    }

    /// <summary>Ends the conversation: stored first, then out of the queue, offers and boards, then everyone told.</summary>
    private async Task Close(Role endedBy, int? rating, string? note, string notice)
    {
        var wasQueued = Record.IsQueued;
        Record.End(endedBy, rating, note, time.GetUtcNow());
        figures.Ended(Record, wasQueued);
        await Save();
        await LetGo(wasQueued);
        await KeepWrapUp();
        await GrainFactory.GetGrain<IHelpSeekerGrain>(Record.SeekerId!).ConversationClosed(
            ConversationId, Record.Supporter?.SupporterId, Record.Risk.Level);
        await AppendAndPublish(SystemMessage(notice));
        await PublishView();
    }

    public Task<WrapUpView> WrapUp(Participant caller)
    {
        ConversationAccess.RequireOversight(Record, caller);
        return Task.FromResult(ConversationViews.WrapUp(ConversationId, Record)
            ?? throw HelplineException.NotFound("A supporter in this conversation"));
    }

    /// <summary>The supporter's index of wrap-ups learns this chat's, as it ends and again when the second side adds its part.</summary>
    private Task KeepWrapUp() => ConversationViews.WrapUp(ConversationId, Record) is { } wrapUp
        ? GrainFactory.GetGrain<ISupporterWrapUpsGrain>(wrapUp.SupporterId).Keep(wrapUp)
        : Task.CompletedTask;

    /// <summary>A chat the person took part in that ends with no plan to go on with: the AI offers one small step.</summary>
    private async Task OfferPlanStep()
    {
        if (Record.SeekerMessages == 0)
        {
            return;
        }

        var steps = await GrainFactory.GetGrain<IPlanGrain>(Record.SeekerId!).Steps();
        if (steps.All(s => s.Progress == StepProgress.Done))
        {
            await AppendAi(responder.OfferPlanStep(Context(string.Empty, MessageAnalysis.Unclassified)));
        }
    }

    public async Task Erase(string seekerId)
    {
        if (!Record.Exists)
        {
            return;
        }

        if (Record.SeekerId != seekerId)
        {
            throw HelplineException.Forbidden("This conversation is not yours.");
        }

        if (Record.Status != ConversationStatus.Ended)
        {
            var wasQueued = Record.IsQueued;
            Record.End(Role.Seeker, rating: null, note: null, time.GetUtcNow());
            // The supporter and any supervisor present see it end; the person asked for it and is gone.
            await ToParticipants(role => ClientEvent.Conversation(View(role)), toSeeker: false);
            await LetGo(wasQueued);
        }

        if (Record.Supporter is { } chatSupporter)
        {
            await GrainFactory.GetGrain<ISupporterWrapUpsGrain>(chatSupporter.SupporterId).Forget(ConversationId);
        }

        await transcripts.Delete(ConversationId);
        await state.ClearStateAsync();
        state.State = new ConversationRecord();
        DeactivateOnIdle();
    }

    public async Task<ConversationView> Assign(string offerId, SupporterSummary supporter, bool crisisTrained)
    {
        if (!Record.Exists)
        {
            throw HelplineException.NotFound("This conversation");
        }

        if (!Record.IsQueued)
        {
            throw HelplineException.Conflict(Record.Status == ConversationStatus.Ended
                ? "The help-seeker has left this conversation."
                : "Another supporter has already joined this conversation.");
        }

        var handedOverBy = Record.HandingOver ? Record.Supporter : null;
        var name = supporter.DisplayName;
        await HandTo(offerId, supporter, crisisTrained, handedOverBy, Reports.TakeOver.CrisisHandOver,
            handedOverBy is null ? null : $"{name}, who is trained for moments like this, is taking over from {handedOverBy.DisplayName}.",
            supporter.SharedExperience.Length > 0
                ? $"{name} has joined. {name} is a peer supporter who has also been through {Matching.LivedExperiencePhrases.List(supporter.SharedExperience)}."
                : $"{name} has joined. {name} is a trained peer supporter.");
        return View(Role.Supporter);
    }

    /// <summary>
    /// The one way a chat goes to a supporter, for an accepted offer, a crisis hand-over and a supervisor's move: the
    /// one before (if any) hears who takes over while still in the chat, is then told the chat is over for them and
    /// freed of the place; one notice of the join goes to both sides, in the third person (the page adds none).
    /// </summary>
    /// <param name="how">What kind of take-over it is when someone is replaced, for the reports.</param>
    private async Task HandTo(
        string? offerId, SupporterSummary supporter, bool crisisTrained, SupporterSummary? handedOverBy, Reports.TakeOver how,
        string? takingOver, string joined)
    {
        if (takingOver is not null)
        {
            // Said while the first supporter is still in the chat, so both sides read it.
            await AppendAndPublish(SystemMessage(takingOver));
        }

        Record.Assign(offerId, supporter, crisisTrained, time.GetUtcNow());
        figures.Assigned(Record, handedOverBy is null ? null : how);
        _standing = null;
        await Save();
        await StopWaitingReminder();
        if (handedOverBy is not null)
        {
            // For the first supporter the chat is over; their place is freed (and counted as a red-flag chat).
            await Deliver(Participant.Supporter(handedOverBy.SupporterId), ClientEvent.Conversation(
                View(Role.Supporter) with { Status = ConversationStatus.Ended, Supporter = handedOverBy }));
            await SupporterGrain(handedOverBy).Released(ConversationId, Record.Risk.Level);
        }

        await AppendAndPublish(SystemMessage(joined));
        await PublishView();
    }

    public async Task QueueChanged(QueueStanding standing)
    {
        if (Record.Status != ConversationStatus.Waiting || standing == _standing)
        {
            return;
        }

        if (standing.NobodyOnline && Record.Risk.Level.IsRedFlag() && Record.MatchLanguage is null
            && Record.Language != languages.Default && languages.Serves(Record.Language))
        {
            // A red flag never waits for a language: with no one online who speaks it and could take the chat, the
            // crisis-trained supporters of the default language are asked. The AI goes on in the person's language.
            // (A session that asked for a language not served chose its matching language, and keeps it.)
            await MoveMatching(() => Record.MatchLanguage = languages.Default);
            return;
        }

        // Never silence while waiting: the place in the queue and a short holding exercise at first, and a word again
        // whenever someone who could take the chat comes online or the last one goes.
        var speak = _standing is null || _standing.NobodyOnline != standing.NobodyOnline;
        _standing = standing;
        if (speak)
        {
            await SpeakOfTheWait(still: false);
        }

        await PublishView();
    }

    private async Task SpeakOfTheWait(bool still)
    {
        await AppendAi(responder.WhileWaiting(Context(string.Empty, MessageAnalysis.Unclassified), _standing!, still));
        _spokeOfTheWaitAt = time.GetUtcNow();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A matchmaker that died with its silo starts empty; waiting conversations put themselves back.
        if (reminderName == WaitingReminder && Record.IsQueued)
        {
            await Matchmaker.Enqueue(MatchRequest());
            await TellFloor();
            if (Record.Status == ConversationStatus.Waiting && _standing is not null
                && time.GetUtcNow() - _spokeOfTheWaitAt >= options.Value.StillWaitingInterval)
            {
                await SpeakOfTheWait(still: true);
            }
        }
        else
        {
            await StopWaitingReminder();
        }
    }

    /// <summary>
    /// A seeker's message. In a peer chat it is stored and delivered before it is judged, so judging never delays the
    /// people talking; with the AI it is judged first, since the reply waits for the judgement anyway.
    /// </summary>
    private async Task<MessageView> ReceiveFromSeeker(string? clientMessageId, string text)
    {
        var arrived = Stopwatch.GetTimestamp();
        var peerChat = Record.Status == ConversationStatus.Peer;
        var alone = peerChat ? null : turns.Read(text);
        var (stored, created) = await transcripts.Append(new MessageView(
            ConversationId, SeqFloor, NewMessageId(), clientMessageId, Sender.Seeker, SeekerName, text, time.GetUtcNow(),
            Analysis: alone is null ? null : AnalysisOf(alone)));
        PassOver(stored, created);
        if (!created)
        {
            await CompleteRetried(stored);
            return ConversationViews.For(stored, Role.Seeker);
        }

        await Publish(stored);
        if (alone is null)
        {
            alone = turns.Read(text);
            await ToSupporter(ClientEvent.Analysis(stored with { Analysis = AnalysisOf(alone) }));
        }

        var spoken = await FollowLanguage(text);
        if (await TakeTurn(stored, alone, spoken))
        {
            metrics.AiReplied(arrived);
            figures.AiReplied(Stopwatch.GetElapsedTime(arrived));
        }

        return ConversationViews.For(stored, Role.Seeker);
    }

    /// <summary>
    /// A retry of a message already stored: whatever the first attempt left undone is done now. A message whose turn
    /// was never taken (the first attempt failed right after storing it) takes it; the latest turn's acting, which may
    /// have failed half-way, is carried out again.
    /// </summary>
    private async Task CompleteRetried(MessageView stored)
    {
        if (stored.Seq > Record.AbsorbedSeq)
        {
            await Publish(stored);
            await TakeTurn(stored, StoredReading(stored));
        }
        else if (Record.LastTurn is { } work && work.Seq == stored.Seq)
        {
            await Publish(stored);
            await CarryOut(work);
            await PublishView();
        }
    }

    /// <summary>
    /// Decides everything first, on the record alone (the judgement in context, the routing, the reply), writes the
    /// state once, then acts: a person sought (a red flag before the AI says anything), the AI's reply, the view.
    /// </summary>
    /// <returns>True when the AI replied.</returns>
    /// <param name="spoken">The language the message was written in, when the helpline does not serve it.</param>
    private async Task<bool> TakeTurn(MessageView stored, MessageAnalysis alone, string? spoken = null)
    {
        var before = Record.Outline;
        var queuedBefore = Record.IsQueued;
        var judgement = turns.Judge(Record.Safety, Record.Risk.Level, stored.Text, alone, _previousTurn, time.GetUtcNow());
        Record.Absorb(AnalysisOf(alone), stored.Seq);
        Record.Risk.Set(judgement.Risk);
        _previousTurn = SeekerTurnReader.Remember(stored.Text, alone, judgement);
        var routing = Route(TurnPolicy.AfterRiskChange(before, Record));
        var reply = responder.Reply(judgement.Shape(Context(stored.Text, alone) with { Spoken = spoken }));
        var afterReply = Route(TurnPolicy.AfterReply(Record, reply?.ConnectPeer == true));
        var remembered = reply is not null && Record.Remember(reply.ContentIds);
        var work = new TurnWork(stored.Seq, routing, reply is null ? null : AiMessage(reply, replyTo: stored.Seq), afterReply);

        // The analysis is in the transcript entry, so a turn that changes nothing and has nothing left to do needs no
        // state write: activation catches up from the transcript.
        var after = Record.Outline;
        if (after.Risk != before.Risk || after.Themes != before.Themes || Record.IsQueued != queuedBefore || remembered
            || judgement.Answer is not null || judgement.Ask is not null || work.Reply is not null
            || (routing | afterReply) != TurnActions.None)
        {
            Record.LastTurn = work;
            await Save();
        }

        await CarryOut(work);

        // Both sides already hold the view unless this message changed it; a repeat would grow with the hand-off card.
        if (after != before)
        {
            await PublishView();
        }

        return work.Reply is not null;
    }

    /// <summary>A turn's acting; every step is safe to repeat (the reply has its own client message id).</summary>
    private async Task CarryOut(TurnWork work)
    {
        await Act(work.Routing);
        if (work.Reply is { } reply)
        {
            await AppendAndPublish(reply);
        }

        await Act(work.AfterReply);
    }

    /// <summary>
    /// Moves the conversation to the served language the message is clearly written in, before its turn: the reply
    /// comes in it and a person is sought among those who speak it (a queued conversation moves to that language's
    /// queue). A peer chat keeps its supporter and its language, and a session opened in a language the helpline does
    /// not serve keeps it for matching (answered in the default language). Short or mixed messages change nothing.
    /// </summary>
    /// <returns>The language of the message when it is one the helpline does not serve; otherwise null.</returns>
    private async Task<string?> FollowLanguage(string text)
    {
        if (languages.Read(text) is not { } spoken)
        {
            return null;
        }

        if (!languages.Serves(spoken))
        {
            return spoken;
        }

        if (spoken == Record.Language || !languages.Serves(Record.Language)
            || Record.Status is ConversationStatus.Peer or ConversationStatus.Ended)
        {
            return null;
        }

        await MoveMatching(() =>
        {
            Record.Language = spoken;
            Record.MatchLanguage = null;
        });
        return null;
    }

    /// <summary>
    /// Changes the language the conversation is matched in: out of the old language's queue first, then saved, then
    /// into the new one's, keeping its place in time.
    /// </summary>
    private async Task MoveMatching(Action change)
    {
        var queued = Record.IsQueued;
        if (queued)
        {
            await Matchmaker.Withdraw(ConversationId);
            _standing = null;
        }

        change();
        await Save();
        if (queued)
        {
            await Matchmaker.Enqueue(MatchRequest());
        }
    }

    private static AnalysisView AnalysisOf(MessageAnalysis analysis) => new(analysis.Themes, analysis.Risk.Level, analysis.Kind);

    /// <summary>
    /// A stored seeker message as the judgement reads it: its stored analysis (the rules' names are not stored), or a
    /// fresh reading for a peer-chat message stored before it was judged.
    /// </summary>
    private MessageAnalysis StoredReading(MessageView message) => message.Analysis is { } view
        ? new(view.Themes, new RiskAssessment(view.Risk, 1, []), view.Risk.IsRedFlag(), [], view.Kind)
        : turns.Read(message.Text);

    private async Task<MessageView> ReceiveFromSupporter(string? clientMessageId, string text)
    {
        ConversationAccess.RequirePeerChat(Record);
        var (stored, created) = await transcripts.Append(new MessageView(
            ConversationId, SeqFloor, NewMessageId(), clientMessageId, Sender.Supporter, Record.Supporter!.DisplayName, text,
            time.GetUtcNow()));
        PassOver(stored, created);
        await Publish(stored);
        return stored;
    }

    /// <summary>Applies the queueing decisions to the record; answers them unchanged for the acting that follows the write.</summary>
    private TurnActions Route(TurnActions actions)
    {
        if (actions.HasFlag(TurnActions.AskForPeer))
        {
            Record.AskForPeer(time.GetUtcNow());
        }
        else if (actions.HasFlag(TurnActions.HandOverToCrisisSupporter))
        {
            Record.AskForCrisisSupporter(time.GetUtcNow());
        }
        else if (actions.HasFlag(TurnActions.CancelHandOver))
        {
            Record.HandingOver = false;
        }

        figures.Routed(Record, actions);
        return actions;
    }

    /// <summary>Carries out a turn's decisions outside this grain: the queue and the supervisors' board.</summary>
    private async Task Act(TurnActions actions)
    {
        await JoinQueue(actions);
        if (actions.HasFlag(TurnActions.CancelHandOver))
        {
            await StopWaitingReminder();
            await Matchmaker.Withdraw(ConversationId);
        }

        var board = GrainFactory.GetGrain<IRedFlagBoardGrain>(0);
        if (actions.HasFlag(TurnActions.RaiseRedFlag))
        {
            await board.Raise(View(Role.Supervisor));
            metrics.RedFlagRaised(Record.Safety.Kind);
            logger.RedFlagRaised(ConversationId, Record.Risk.Level, Record.Safety.Kind?.Id() ?? "unknown");
        }
        else if (actions.HasFlag(TurnActions.ClearRedFlag))
        {
            await board.Resolve(ConversationId);
        }
    }

    /// <summary>
    /// Into the matchmaker's queue (the reminder that keeps it there was registered by <see cref="Save"/>); a re-queue
    /// at a higher risk only updates the entry.
    /// </summary>
    private async Task JoinQueue(TurnActions actions)
    {
        if ((actions & TurnPolicy.Queueing) == TurnActions.None)
        {
            return;
        }

        await Matchmaker.Enqueue(MatchRequest());
    }

    /// <summary>
    /// Takes the turns of the seeker messages stored after the last state write: a turn that had nothing to do left no
    /// write behind, and one cut off by a crash is completed here (its reply, stored once, and its routing).
    /// </summary>
    private async Task CatchUpFromTranscript()
    {
        await foreach (var message in TranscriptAfter(Record.AbsorbedSeq))
        {
            if (message.Sender == Sender.Seeker)
            {
                await TakeTurn(message, StoredReading(message));
            }
            else
            {
                Record.Pass(message.Seq);
            }
        }
    }

    /// <summary>Every stored message after <paramref name="afterSeq"/>, read a page at a time.</summary>
    private async IAsyncEnumerable<MessageView> TranscriptAfter(long afterSeq)
    {
        IReadOnlyList<MessageView> page;
        do
        {
            page = await transcripts.After(ConversationId, afterSeq, MaxHistoryPage);
            foreach (var message in page)
            {
                afterSeq = message.Seq;
                yield return message;
            }
        }
        while (page.Count == MaxHistoryPage);
    }

    /// <summary>
    /// The one teardown, for ending and erasing: everything outside this grain that holds the conversation lets go of
    /// it — the queue and its reminder, the supporter's place, the supervisors' board.
    /// </summary>
    private async Task LetGo(bool wasQueued)
    {
        await StopWaitingReminder();
        if (wasQueued)
        {
            await Matchmaker.Withdraw(ConversationId);
        }

        if (Record.Supporter is { } supporter)
        {
            await SupporterGrain(supporter).Released(ConversationId, Record.Risk.Level);
        }

        if (Record.Risk.Level.IsRedFlag())
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).Resolve(ConversationId);
        }

        await TellFloor();
    }

    /// <summary>
    /// Writes the record. A conversation that waits gets its reminder first: a crash between the two leaves at worst a
    /// reminder with nothing to do, never a waiting conversation that nothing will put back in the queue.
    /// </summary>
    private async Task Save()
    {
        if (Record.IsQueued && !_waitingReminder)
        {
            var every = matching.Value.RequeueInterval;
            await this.RegisterOrUpdateReminder(WaitingReminder, every, every);
            _waitingReminder = true;
        }

        await state.WriteStateAsync();
    }

    private async Task StopWaitingReminder()
    {
        _waitingReminder = false;
        if (await this.GetReminder(WaitingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private MatchRequest MatchRequest() => new(
        ConversationId,
        Record.SeekerId!,
        Record.MatchingLanguage,
        Record.Risk.Level,
        Record.ThemesByStrength(),
        Record.WaitingSince ?? time.GetUtcNow(),
        [.. Record.PastSupporters],
        handoffs.Write(Record))
    {
        AskedFor = Record.AskedFor,
    };

    private IMatchmakerGrain Matchmaker => GrainFactory.GetGrain<IMatchmakerGrain>(
        MatchmakerKeys.ForSeeker(Record.MatchingLanguage, Record.SeekerId!, matching.Value.Shards));

    private ISupporterGrain SupporterGrain(SupporterSummary supporter) =>
        GrainFactory.GetGrain<ISupporterGrain>(supporter.SupporterId);

    private async Task AppendAi(AiReply reply)
    {
        if (Record.Remember(reply.ContentIds))
        {
            await Save();
        }

        await AppendAndPublish(AiMessage(reply));
    }

    private async Task AppendAndPublish(MessageView message)
    {
        var (stored, created) = await transcripts.Append(message with { Seq = SeqFloor });
        PassOver(stored, created);
        await Publish(stored);
    }

    /// <param name="replyTo">The seeker message answered: the reply's client message id, so a repeated turn stores it once.</param>
    private MessageView AiMessage(AiReply reply, long? replyTo = null) =>
        new(ConversationId, 0, NewMessageId(), replyTo is { } seq ? $"ai-{seq}" : null, Sender.Ai, HelplineName, reply.Text,
            time.GetUtcNow(), reply.Parts);

    /// <summary>
    /// The highest seq known, passed to each append as its floor: numbering never restarts, even if the transcript
    /// expired while the conversation stayed open.
    /// </summary>
    private long SeqFloor => Math.Max(Record.AbsorbedSeq, _lastSeq);

    private void PassOver(MessageView stored, bool created)
    {
        _lastSeq = Math.Max(_lastSeq, stored.Seq);
        if (created && stored.Sender != Sender.System)
        {
            metrics.MessageStored(stored.Sender);
        }
    }

    private MessageView SystemMessage(string text) =>
        new(ConversationId, 0, NewMessageId(), null, Sender.System, HelplineName, text, time.GetUtcNow());

    private Task Publish(MessageView message) =>
        ToParticipants(role => ClientEvent.Message(ConversationViews.For(message, role)), toSeeker: ConversationViews.Sees(Role.Seeker, message));

    private Task PublishView() => Task.WhenAll(ToParticipants(role => ClientEvent.Conversation(View(role))), TellFloor());

    /// <summary>The supervisors' floor hears of every change of the view, of the end, and again on the waiting reminder.</summary>
    public Task TellFloor() => GrainFactory.GetGrain<IFloorGrain>(0).Conversation(FloorNotes.Of(ConversationId, Record));

    private Task ToSupporter(ClientEvent clientEvent) => Record.Supporter is { } supporter
        ? Deliver(Participant.Supporter(supporter.SupporterId), clientEvent)
        : Task.CompletedTask;

    /// <summary>The help-seeker (unless the event is not for them), the supporter, and the supervisors who joined.</summary>
    private Task ToParticipants(Func<Role, ClientEvent> eventFor, bool toSeeker = true)
    {
        var deliveries = new List<Task>();
        if (toSeeker)
        {
            deliveries.Add(Deliver(Participant.Seeker(Record.SeekerId!), eventFor(Role.Seeker)));
        }

        if (Record.Supporter is { } supporter)
        {
            deliveries.Add(Deliver(Participant.Supporter(supporter.SupporterId), eventFor(Role.Supporter)));
        }

        deliveries.AddRange(Record.Supervisors.Select(s => Deliver(new Participant(Role.Supervisor, s.SupervisorId), eventFor(Role.Supervisor))));
        return Task.WhenAll(deliveries);
    }

    /// <summary>
    /// A push that fails is not lost: what it carried is stored, and clients fill gaps by seq. So it never stops the
    /// turn, and a red flag in it is routed whatever became of the push.
    /// </summary>
    private async Task Deliver(Participant participant, ClientEvent clientEvent)
    {
        try
        {
            await GrainFactory.GetGrain<IInboxGrain>(participant.InboxKey).Deliver(clientEvent);
        }
        catch (Exception exception) when (exception is not HelplineException)
        {
            logger.LogWarning(exception, "Push of {Event} in conversation {ConversationId} to {Inbox} failed; the client catches up by seq",
                clientEvent.Method, ConversationId, participant.InboxKey);
        }
    }

    private ConversationView View(Role role) =>
        ConversationViews.For(ConversationId, Record, role, _standing, () => handoffs.Write(Record));

    private ReplyContext Context(string text, MessageAnalysis latest) => new(
        text, latest, Record.ThemesByStrength(), Record.Risk.Recent, Record.Risk.Highest, Record.Status, Record.Region,
        Record.Language, Record.SeekerMessages, Record.Offered)
    {
        ConversationRisk = Record.Risk.Level,
    };

    private static string NewMessageId() => Guid.NewGuid().ToString("N");
}
