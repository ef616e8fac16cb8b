using Microsoft.Extensions.Options;
using StoriBoard.Classification;
using StoriBoard.Matching;
using StoriBoard.Responding;
using StoriBoard.Transcripts;

namespace StoriBoard;

/// <summary>
/// One conversation. Every message is stored (and given its seq) before it is pushed; the seeker's messages are
/// classified on the way in, and a red flag is routed to a person in the same turn, before the AI says anything.
/// </summary>
public sealed class ConversationGrain(
    [PersistentState("conversation", Storage.Name)] IPersistentState<ConversationGrain.ConversationState> state,
    ITranscriptStore transcripts,
    IMessageClassifier classifier,
    IResponder responder,
    IOptions<ConversationOptions> options,
    IOptions<MatchingOptions> matching,
    TimeProvider time) : Grain, IConversationGrain, IRemindable
{
    public const string SeekerName = "Anonymous";
    public const string HelplineName = "StoriBoard";
    private const string WaitingReminder = "waiting";
    private const int MaxHistoryPage = 500;

    private readonly FloodGuard _floodGuard = new(options.Value.MessagesPerWindow, options.Value.RateWindow, time);
    private QueueStanding? _standing;

    private string ConversationId => this.GetPrimaryKeyString();

    private ConversationState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.SeekerId is not null && S.Status != ConversationStatus.Ended)
        {
            await CatchUpFromTranscript();
        }
    }

    public async Task<ConversationView> Open(ConversationOpening opening)
    {
        if (S.SeekerId is null)
        {
            S.SeekerId = opening.SeekerId;
            S.Language = opening.Language;
            S.Region = opening.Region;
            S.PastSupporters = [.. opening.PastSupporters];
            S.StartedAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }
        else if (S.SeekerId != opening.SeekerId)
        {
            throw HelplineException.Conflict("This conversation id is taken.");
        }

        return ViewFor(Role.Seeker);
    }

    public Task<ConversationView> View(Participant caller)
    {
        RequireParticipant(caller);
        return Task.FromResult(ViewFor(caller.Role));
    }

    public async Task<MessageView> Send(Participant caller, string? clientMessageId, string text)
    {
        RequireParticipant(caller);
        RequireOpen();
        ValidateMessage(clientMessageId, text);

        // A repeated clientMessageId needs no look-up first: the transcript's append answers with the stored message.
        RequireWithinRate(caller);
        return caller.Role == Role.Seeker
            ? await ReceiveFromSeeker(clientMessageId, text)
            : await ReceiveFromSupporter(clientMessageId, text);
    }

    public async Task<MessageView[]> History(Participant caller, long afterSeq)
    {
        RequireParticipant(caller);
        if (afterSeq < 0)
        {
            throw HelplineException.Invalid("afterSeq must be zero or a seq you have seen.");
        }

        var messages = await transcripts.After(ConversationId, afterSeq, MaxHistoryPage);
        return messages.Select(m => ForRole(m, caller.Role)).ToArray();
    }

    public async Task<ConversationView> RequestPeer(Participant caller)
    {
        RequireParticipant(caller);
        if (caller.Role != Role.Seeker)
        {
            throw HelplineException.Forbidden("Only the help-seeker can ask for a peer.");
        }

        RequireOpen();
        if (S.Status == ConversationStatus.Ai)
        {
            await AskForPeer();
            await PublishView();
        }

        return ViewFor(Role.Seeker);
    }

    public async Task<ConversationView> End(Participant caller, int? rating, string? note)
    {
        RequireParticipant(caller);
        if (rating is < 1 or > 5)
        {
            throw HelplineException.Invalid("A rating is a whole number from 1 to 5, or nothing.");
        }

        if (note?.Length > options.Value.MaxNoteLength)
        {
            throw new HelplineException(ErrorCodes.TooLarge, $"A note is at most {options.Value.MaxNoteLength} characters.");
        }

        if (S.Status == ConversationStatus.Ended)
        {
            return ViewFor(caller.Role);
        }

        var wasQueued = IsQueued;
        S.Status = ConversationStatus.Ended;
        S.EndedAt = time.GetUtcNow();
        if (caller.Role == Role.Seeker)
        {
            S.Rating = rating;
        }
        else
        {
            S.SupporterNote = note;
        }

        await state.WriteStateAsync();
        await StopWaitingReminder();
        if (wasQueued)
        {
            await Matchmaker.Withdraw(ConversationId);
        }

        if (S.Supporter is { } supporter)
        {
            await GrainFactory.GetGrain<ISupporterGrain>(supporter.SupporterId).Released(ConversationId, S.Risk);
        }

        if (S.Risk.IsRedFlag())
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).Resolve(ConversationId);
        }

        await GrainFactory.GetGrain<IHelpSeekerGrain>(S.SeekerId!).ConversationClosed(
            ConversationId, S.Supporter?.SupporterId, S.Risk);
        await AppendAndPublish(SystemMessage(caller.Role == Role.Seeker
            ? "The conversation has ended. Thank you for reaching out."
            : "Your supporter has ended the conversation. You can start a new one at any time."));
        await PublishView();
        return ViewFor(caller.Role);
    }

    public async Task<ConversationView> Assign(string offerId, SupporterSummary supporter, bool crisisTrained)
    {
        if (S.SeekerId is null)
        {
            throw HelplineException.NotFound("This conversation");
        }

        if (!IsQueued)
        {
            throw HelplineException.Conflict(S.Status == ConversationStatus.Ended
                ? "The help-seeker has left this conversation."
                : "Another supporter has already joined this conversation.");
        }

        var handedOverBy = S.HandingOver ? S.Supporter : null;
        if (handedOverBy is not null)
        {
            // Said while the first supporter is still in the chat, so both sides read it.
            await AppendAndPublish(SystemMessage(
                $"{supporter.DisplayName}, who is trained for moments like this, is taking over from {handedOverBy.DisplayName}."));
        }

        S.Status = ConversationStatus.Peer;
        S.Supporter = supporter;
        S.SupporterCrisisTrained = crisisTrained;
        S.HandingOver = false;
        S.AcceptedOfferId = offerId;
        _standing = null;
        await state.WriteStateAsync();
        await StopWaitingReminder();
        if (handedOverBy is not null)
        {
            // For the first supporter the chat is over; their place is freed (and counted as a red-flag chat).
            await Deliver(Participant.Supporter(handedOverBy.SupporterId), ClientEvent.Conversation(
                ViewFor(Role.Supporter) with { Status = ConversationStatus.Ended, Supporter = handedOverBy }));
            await GrainFactory.GetGrain<ISupporterGrain>(handedOverBy.SupporterId).Released(ConversationId, S.Risk);
        }

        var joined = supporter.SharedExperience.Length > 0
            ? $"{supporter.DisplayName} has joined. They have lived through some of what you are going through."
            : $"{supporter.DisplayName} has joined the conversation.";
        await AppendAndPublish(SystemMessage(joined));
        await PublishView();
        return ViewFor(Role.Supporter);
    }

    public async Task QueueChanged(QueueStanding standing)
    {
        if (S.Status != ConversationStatus.Waiting || standing == _standing)
        {
            return;
        }

        var first = _standing is null;
        _standing = standing;
        if (first)
        {
            // Never silence while waiting: a short holding exercise with the place in the queue.
            var holding = responder.WhileWaiting(Context(string.Empty, MessageAnalysis.Unclassified), standing);
            await AppendAi(holding);
        }

        await PublishView();
    }

    public async Task Erase(string seekerId)
    {
        if (S.SeekerId is null)
        {
            return;
        }

        if (S.SeekerId != seekerId)
        {
            throw HelplineException.Forbidden("This conversation is not yours.");
        }

        if (IsQueued)
        {
            await Matchmaker.Withdraw(ConversationId);
        }

        if (S.Status == ConversationStatus.Peer && S.Supporter is { } supporter)
        {
            S.Status = ConversationStatus.Ended;
            await Deliver(Participant.Supporter(supporter.SupporterId), ClientEvent.Conversation(ViewFor(Role.Supporter)));
            await GrainFactory.GetGrain<ISupporterGrain>(supporter.SupporterId).Released(ConversationId, S.Risk);
        }

        if (S.Risk.IsRedFlag())
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).Resolve(ConversationId);
        }

        await StopWaitingReminder();
        await transcripts.Delete(ConversationId);
        await state.ClearStateAsync();
        state.State = new ConversationState();
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // After a restart the matchmaker's queue is empty; waiting conversations put themselves back.
        if (reminderName == WaitingReminder && IsQueued)
        {
            await Matchmaker.Enqueue(MatchRequest());
        }
        else
        {
            await StopWaitingReminder();
        }
    }

    private async Task<MessageView> ReceiveFromSeeker(string? clientMessageId, string text)
    {
        var analysis = classifier.Classify(text);
        var (stored, created) = await transcripts.Append(new MessageView(
            ConversationId, 0, NewMessageId(), clientMessageId, Sender.Seeker, SeekerName, text, time.GetUtcNow(),
            Analysis: new AnalysisView(analysis.Themes, analysis.Risk.Level)));
        if (!created)
        {
            return ForRole(stored, Role.Seeker);
        }

        var outlineBefore = Outline();
        Absorb(stored.Analysis!, stored.Seq);

        // The analysis is in the transcript entry, so an unchanged outline needs no state write: activation catches up
        // from the transcript (CatchUpFromTranscript). A change of risk or themes is written before anyone acts on it.
        if (Outline() is var outline && (outline.Risk != outlineBefore.Risk || outline.Themes != outlineBefore.Themes))
        {
            await state.WriteStateAsync();
        }

        await Publish(stored);

        var riskRose = S.Risk > outlineBefore.Risk;
        if (S.Status == ConversationStatus.Ai && S.Risk >= RiskLevel.Moderate)
        {
            await AskForPeer();
        }
        else if (IsQueued && riskRose)
        {
            // Re-queued at the new risk: a red flag jumps ahead and may go only to crisis-trained supporters.
            await Matchmaker.Enqueue(MatchRequest());
        }
        else if (S.Status == ConversationStatus.Peer && riskRose && S.Risk.IsRedFlag() && !S.SupporterCrisisTrained)
        {
            await AskForCrisisSupporter();
        }

        if (riskRose && S.Risk.IsRedFlag())
        {
            await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).Raise(ViewFor(Role.Supervisor));
        }

        if (responder.Reply(Context(text, analysis)) is { } reply)
        {
            await AppendAi(reply);
            if (reply.ConnectPeer && S.Status == ConversationStatus.Ai)
            {
                await AskForPeer();
            }
        }

        // Both sides already hold the view unless this message changed it; a repeat would grow with the hand-off card.
        if (Outline() != outlineBefore)
        {
            await PublishView();
        }

        return ForRole(stored, Role.Seeker);
    }

    private async Task<MessageView> ReceiveFromSupporter(string? clientMessageId, string text)
    {
        if (S.Status != ConversationStatus.Peer || S.Supporter is null)
        {
            throw HelplineException.Conflict("This conversation is not with a supporter now.");
        }

        var (stored, _) = await transcripts.Append(new MessageView(
            ConversationId, 0, NewMessageId(), clientMessageId, Sender.Supporter, S.Supporter.DisplayName, text,
            time.GetUtcNow()));
        await Publish(stored);
        return stored;
    }

    private void Absorb(AnalysisView analysis, long seq)
    {
        S.AbsorbedSeq = seq;
        S.SeekerMessages++;
        S.RiskHistory.Add(analysis.Risk);
        if (analysis.Risk > S.Risk)
        {
            S.Risk = analysis.Risk;
        }

        foreach (var theme in analysis.Themes)
        {
            S.Themes[theme.Id] = Math.Max(S.Themes.GetValueOrDefault(theme.Id), theme.Score);
        }
    }

    /// <summary>Absorbs the seeker messages stored after the last state write, so that no analysis is lost on a crash.</summary>
    private async Task CatchUpFromTranscript()
    {
        IReadOnlyList<MessageView> page;
        do
        {
            page = await transcripts.After(ConversationId, S.AbsorbedSeq, MaxHistoryPage);
            foreach (var message in page)
            {
                if (message is { Sender: Sender.Seeker, Analysis: { } analysis })
                {
                    Absorb(analysis, message.Seq);
                }
                else
                {
                    S.AbsorbedSeq = message.Seq;
                }
            }
        }
        while (page.Count == MaxHistoryPage);
    }

    /// <summary>What the participants' view and the stored state turn on: the status, the risk, its trend and the themes.</summary>
    private (ConversationStatus Status, RiskLevel Risk, string? Trend, string Themes) Outline() =>
        (S.Status, S.Risk, Trend(), string.Join(',', S.Themes.Keys.Order(StringComparer.Ordinal)));

    /// <summary>
    /// A red flag in a chat with a supporter who is not crisis-trained: a crisis-trained supporter is sought at the front
    /// of the queue and takes over when they accept; until then the chat goes on as it is, with supervisors alerted.
    /// </summary>
    private Task AskForCrisisSupporter()
    {
        S.HandingOver = true;
        return JoinQueue();
    }

    private Task AskForPeer()
    {
        S.Status = ConversationStatus.Waiting;
        return JoinQueue();
    }

    /// <summary>
    /// Into the matchmaker's queue, with a reminder that puts the conversation back after a restart empties the queue.
    /// </summary>
    private async Task JoinQueue()
    {
        S.WaitingSince = time.GetUtcNow();
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(WaitingReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Matchmaker.Enqueue(MatchRequest());
    }

    /// <summary>In the matchmaker's queue: waiting for a first supporter, or for a crisis-trained one to take over.</summary>
    private bool IsQueued => S.Status == ConversationStatus.Waiting || (S.Status == ConversationStatus.Peer && S.HandingOver);

    private async Task StopWaitingReminder()
    {
        if (await this.GetReminder(WaitingReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private MatchRequest MatchRequest() => new(
        ConversationId,
        S.SeekerId!,
        S.Language,
        S.Risk,
        ConversationThemes(),
        S.WaitingSince ?? time.GetUtcNow(),
        [.. S.PastSupporters],
        responder.Handoff(Context(string.Empty, MessageAnalysis.Unclassified)));

    private IMatchmakerGrain Matchmaker => GrainFactory.GetGrain<IMatchmakerGrain>(
        MatchmakerKeys.ForSeeker(S.Language, S.SeekerId!, matching.Value.Shards));

    private async Task AppendAi(AiReply reply)
    {
        S.Offered.UnionWith(reply.ContentIds);
        await state.WriteStateAsync();
        await AppendAndPublish(new MessageView(
            ConversationId, 0, NewMessageId(), null, Sender.Ai, HelplineName, reply.Text, time.GetUtcNow(), reply.Parts));
    }

    private async Task AppendAndPublish(MessageView message)
    {
        var (stored, _) = await transcripts.Append(message);
        await Publish(stored);
    }

    private MessageView SystemMessage(string text) =>
        new(ConversationId, 0, NewMessageId(), null, Sender.System, HelplineName, text, time.GetUtcNow());

    private Task Publish(MessageView message) => ToParticipants(role => ClientEvent.Message(ForRole(message, role)));

    private Task PublishView() => ToParticipants(role => ClientEvent.Conversation(ViewFor(role)));

    private Task ToParticipants(Func<Role, ClientEvent> eventFor)
    {
        var seeker = Deliver(Participant.Seeker(S.SeekerId!), eventFor(Role.Seeker));
        return S.Supporter is { } supporter
            ? Task.WhenAll(seeker, Deliver(Participant.Supporter(supporter.SupporterId), eventFor(Role.Supporter)))
            : seeker;
    }

    private Task Deliver(Participant participant, ClientEvent clientEvent) =>
        GrainFactory.GetGrain<IInboxGrain>(participant.InboxKey).Deliver(clientEvent);

    private static MessageView ForRole(MessageView message, Role role) =>
        role == Role.Seeker && message.Analysis is not null ? message with { Analysis = null } : message;

    private ConversationView ViewFor(Role role)
    {
        var waiting = S.Status == ConversationStatus.Waiting;
        return new ConversationView(
            ConversationId,
            S.Status,
            ConversationThemes().Select(t => t.Id).ToArray(),
            S.Risk,
            S.Supporter,
            waiting ? _standing?.Position : null,
            S.StartedAt,
            waiting ? _standing?.EstimatedWaitSeconds : null,
            role == Role.Seeker ? null : responder.Handoff(Context(string.Empty, MessageAnalysis.Unclassified)),
            Trend());
    }

    private string? Trend()
    {
        var history = S.RiskHistory;
        if (history.Count < 2)
        {
            return history.Count == 0 ? null : "steady";
        }

        return history[^1].CompareTo(history[^2]) switch
        {
            > 0 => "rising",
            < 0 => "falling",
            _ => "steady",
        };
    }

    private ThemeScore[] ConversationThemes() =>
        S.Themes.OrderByDescending(t => t.Value).Select(t => new ThemeScore(t.Key, t.Value)).ToArray();

    private ReplyContext Context(string text, MessageAnalysis latest) => new(
        text, latest, ConversationThemes(), [.. S.RiskHistory], S.Status, S.Region, S.Language, S.SeekerMessages, S.Offered);

    private void RequireParticipant(Participant caller)
    {
        if (S.SeekerId is null)
        {
            throw HelplineException.NotFound("This conversation");
        }

        var allowed = caller.Role == Role.Seeker
            ? caller.Id == S.SeekerId
            : caller.Id == S.Supporter?.SupporterId;
        if (!allowed)
        {
            throw HelplineException.Forbidden("This conversation is not yours.");
        }
    }

    private void RequireOpen()
    {
        if (S.Status == ConversationStatus.Ended)
        {
            throw HelplineException.Conflict("This conversation has ended.");
        }
    }

    private void ValidateMessage(string? clientMessageId, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw HelplineException.Invalid("A message needs some text.");
        }

        if (text.Length > options.Value.MaxMessageLength)
        {
            throw new HelplineException(
                ErrorCodes.TooLarge, $"A message is at most {options.Value.MaxMessageLength} characters.");
        }

        if (clientMessageId is not null && (clientMessageId.Length == 0 || clientMessageId.Length > options.Value.MaxClientMessageIdLength))
        {
            throw HelplineException.Invalid(
                $"A clientMessageId is 1 to {options.Value.MaxClientMessageIdLength} characters, or null.");
        }
    }

    private void RequireWithinRate(Participant caller)
    {
        if (!_floodGuard.TryAdmit(caller.Id))
        {
            throw new HelplineException(
                ErrorCodes.RateLimited,
                $"Too many messages: at most {options.Value.MessagesPerWindow} every {options.Value.RateWindow.TotalSeconds:0} seconds.");
        }
    }

    private static string NewMessageId() => Guid.NewGuid().ToString("N");

    [GenerateSerializer, Alias("StoriBoard.ConversationGrain.ConversationState")]
    public sealed class ConversationState
    {
        [Id(0)] public string? SeekerId { get; set; }
        [Id(1)] public string Language { get; set; } = "en";
        [Id(2)] public string Region { get; set; } = "GB";
        [Id(3)] public ConversationStatus Status { get; set; }
        [Id(4)] public DateTimeOffset StartedAt { get; set; }
        [Id(5)] public DateTimeOffset? EndedAt { get; set; }
        [Id(6)] public Dictionary<string, double> Themes { get; set; } = [];
        [Id(7)] public List<RiskLevel> RiskHistory { get; set; } = [];
        [Id(8)] public RiskLevel Risk { get; set; }
        [Id(9)] public SupporterSummary? Supporter { get; set; }
        [Id(10)] public string? AcceptedOfferId { get; set; }
        [Id(11)] public HashSet<string> Offered { get; set; } = [];
        [Id(12)] public int SeekerMessages { get; set; }
        [Id(13)] public DateTimeOffset? WaitingSince { get; set; }
        [Id(14)] public List<string> PastSupporters { get; set; } = [];
        [Id(15)] public int? Rating { get; set; }
        [Id(16)] public string? SupporterNote { get; set; }
        [Id(17)] public long AbsorbedSeq { get; set; }
        [Id(18)] public bool SupporterCrisisTrained { get; set; }
        [Id(19)] public bool HandingOver { get; set; }
    }
}
