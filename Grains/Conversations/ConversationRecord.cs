namespace StoriBoard.Conversations;

/// <summary>
/// Everything a conversation keeps between turns, and the only code that changes it. Pure: no grain, clock or store,
/// so each rule reads and tests on its own. Stored whole as the conversation grain's state.
/// </summary>
[GenerateSerializer, Alias("StoriBoard.ConversationGrain.ConversationState")] // the alias stored data was written under
public sealed class ConversationRecord
{
    [Id(0)] public string? SeekerId { get; set; }
    [Id(1)] public string Language { get; set; } = "en";
    [Id(2)] public string Region { get; set; } = "GB";
    [Id(3)] public ConversationStatus Status { get; set; }
    [Id(4)] public DateTimeOffset StartedAt { get; set; }
    [Id(5)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The strongest score each theme has reached; at most one entry per taxonomy theme.</summary>
    [Id(6)] public Dictionary<string, double> Themes { get; set; } = [];

    [Id(9)] public SupporterSummary? Supporter { get; set; }
    [Id(10)] public string? AcceptedOfferId { get; set; }

    /// <summary>Content the AI has already given, so nothing is offered twice.</summary>
    [Id(11)] public HashSet<string> Offered { get; set; } = [];

    [Id(12)] public int SeekerMessages { get; set; }
    [Id(13)] public DateTimeOffset? WaitingSince { get; set; }
    [Id(14)] public List<string> PastSupporters { get; set; } = [];
    [Id(15)] public int? Rating { get; set; }
    [Id(16)] public string? SupporterNote { get; set; }

    /// <summary>The last transcript seq whose analysis is in this record; activation catches up from there.</summary>
    [Id(17)] public long AbsorbedSeq { get; set; }

    [Id(18)] public bool SupporterCrisisTrained { get; set; }

    /// <summary>A peer chat that became a red flag, waiting for a crisis-trained supporter to take over.</summary>
    [Id(19)] public bool HandingOver { get; set; }

    [Id(20)] public RiskRecord Risk { get; set; } = new();

    [Id(21)] public SafetyState Safety { get; set; } = new();

    /// <summary>
    /// What the latest seeker turn decided to do after storing its message, written with the turn's state: a retry of
    /// that message with the same client message id carries it out again, so a step that failed half-way is completed.
    /// </summary>
    [Id(22)] public TurnWork? LastTurn { get; set; }

    /// <summary>The person's plan as it stood when this conversation opened, for the hand-off card.</summary>
    [Id(23)] public List<PlanStepView> Plan { get; set; } = [];

    /// <summary>The supporter the person asked for again, offered first while they can take the chat.</summary>
    [Id(24)] public string? AskedFor { get; set; }

    /// <summary>The person's conversations and check-in moods over time as they stood when this one opened.</summary>
    [Id(25)] public PersonPattern? Pattern { get; set; }

    /// <summary>
    /// The language matching is done in when it is not the conversation's own: a red flag that no one online speaking
    /// the conversation's language could take goes to the crisis-trained supporters of the default language.
    /// </summary>
    [Id(40)] public string? MatchLanguage { get; set; }

    /// <summary>When the first supporter joined: the peer chat's start, which a take-over does not restart.</summary>
    [Id(41)] public DateTimeOffset? PeerSince { get; set; }

    /// <summary>Supervisors present in the peer chat as visible third participants, in the order they joined.</summary>
    [Id(60)] public List<JoinedSupervisor> Supervisors { get; set; } = [];

    /// <summary>What the reports need kept between events (see <see cref="Reports.NightFigures"/>).</summary>
    [Id(61)] public Reports.ConversationFigures Figures { get; set; } = new();

    /// <summary>The language whose supporters and matchmaker shards this conversation is matched in.</summary>
    public string MatchingLanguage => MatchLanguage ?? Language;

    public bool Exists => SeekerId is not null;

    /// <summary>In the matchmaker's queue: waiting for a first supporter, or for a crisis-trained one to take over.</summary>
    public bool IsQueued => Status == ConversationStatus.Waiting || (Status == ConversationStatus.Peer && HandingOver);

    /// <summary>What the participants' view and the stored state turn on.</summary>
    public ConversationOutline Outline =>
        new(Status, Risk.Level, Risk.Trend, string.Join(',', Themes.Keys.Order(StringComparer.Ordinal)));

    public ThemeScore[] ThemesByStrength() =>
        Themes.OrderByDescending(t => t.Value).Select(t => new ThemeScore(t.Key, t.Value)).ToArray();

    public void Open(ConversationOpening opening, DateTimeOffset now)
    {
        SeekerId = opening.SeekerId;
        Language = opening.Language;
        Region = opening.Region;
        PastSupporters = [.. opening.PastSupporters];
        Plan = [.. opening.Plan ?? []];
        Pattern = opening.Pattern;
        StartedAt = now;
    }

    /// <summary>Takes in the analysis of the seeker message stored at <paramref name="seq"/>.</summary>
    public void Absorb(AnalysisView analysis, long seq)
    {
        AbsorbedSeq = seq;
        SeekerMessages++;
        Risk.Add(analysis.Risk);
        foreach (var theme in analysis.Themes)
        {
            Themes[theme.Id] = Math.Max(Themes.GetValueOrDefault(theme.Id), theme.Score);
        }
    }

    /// <summary>A message that carries no analysis (the AI's, a supporter's, a notice) moves the catch-up point only.</summary>
    public void Pass(long seq) => AbsorbedSeq = seq;

    /// <summary>Remembers content the AI gave; true when any of it is new.</summary>
    public bool Remember(IEnumerable<string> contentIds)
    {
        var before = Offered.Count;
        Offered.UnionWith(contentIds);
        return Offered.Count != before;
    }

    public void AskForPeer(DateTimeOffset now)
    {
        Status = ConversationStatus.Waiting;
        WaitingSince = now;
    }

    /// <summary>The chat goes on as it is while a crisis-trained supporter is sought at the front of the queue.</summary>
    public void AskForCrisisSupporter(DateTimeOffset now)
    {
        HandingOver = true;
        WaitingSince = now;
    }

    /// <summary>
    /// A supporter joins, or a crisis-trained one takes over, or a supervisor moves the chat (no offer then). A
    /// supervisor who had joined and takes the chat over is its supporter from now on, no longer a third participant.
    /// </summary>
    public void Assign(string? offerId, SupporterSummary supporter, bool crisisTrained, DateTimeOffset? now = null)
    {
        PeerSince ??= now;
        Supervisors.RemoveAll(s => s.SupervisorId == supporter.SupporterId);
        Status = ConversationStatus.Peer;
        Supporter = supporter;
        SupporterCrisisTrained = crisisTrained;
        HandingOver = false;
        AcceptedOfferId = offerId;
    }

    public bool HasJoined(string supervisorId) => Supervisors.Exists(s => s.SupervisorId == supervisorId);

    /// <summary>A supervisor joins the peer chat; false when they are already in it.</summary>
    public bool Join(string supervisorId, string displayName)
    {
        if (HasJoined(supervisorId))
        {
            return false;
        }

        Supervisors.Add(new JoinedSupervisor(supervisorId, displayName));
        return true;
    }

    /// <summary>A supervisor leaves; answers who left, or null when they were not in the chat.</summary>
    public JoinedSupervisor? Leave(string supervisorId)
    {
        var leaving = Supervisors.Find(s => s.SupervisorId == supervisorId);
        if (leaving is not null)
        {
            Supervisors.Remove(leaving);
        }

        return leaving;
    }

    public void End(Role endedBy, int? rating, string? note, DateTimeOffset now)
    {
        Status = ConversationStatus.Ended;
        EndedAt = now;
        WrapUp(endedBy, rating, note);
    }

    /// <summary>
    /// Keeps a side's wrap-up, whoever ended first: the seeker's rating, the supporter's private note. A side's first
    /// wrap-up stands. True when something was kept.
    /// </summary>
    public bool WrapUp(Role by, int? rating, string? note)
    {
        if (by == Role.Seeker && rating is not null && Rating is null)
        {
            Rating = rating;
            return true;
        }

        if (by != Role.Seeker && note is not null && SupporterNote is null)
        {
            SupporterNote = note;
            return true;
        }

        return false;
    }
}

/// <summary>The parts of a conversation that its view, its stored state and its routing turn on.</summary>
public readonly record struct ConversationOutline(ConversationStatus Status, RiskLevel Risk, Trend? Trend, string Themes);

/// <summary>The acting a seeker turn decided on: every step is safe to repeat.</summary>
/// <param name="Reply">The AI's reply, with a message id and client message id of its own, so it is stored once.</param>
[GenerateSerializer, Alias("StoriBoard.Conversations.TurnWork")]
public sealed record TurnWork(
    [property: Id(0)] long Seq,
    [property: Id(1)] TurnActions Routing,
    [property: Id(2)] MessageView? Reply,
    [property: Id(3)] TurnActions AfterReply);

/// <summary>A supervisor present in a peer chat, named as both sides see them.</summary>
[GenerateSerializer, Alias("StoriBoard.Conversations.JoinedSupervisor")]
public sealed record JoinedSupervisor([property: Id(0)] string SupervisorId, [property: Id(1)] string DisplayName);
