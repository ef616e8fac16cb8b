using Microsoft.Extensions.Options;
using StoriBoard.Continuity;

namespace StoriBoard;

/// <summary>An anonymous help-seeker: no name, e-mail or phone; only what continuity and safety need.</summary>
public sealed class HelpSeekerGrain(
    [PersistentState("seeker", Storage.Name)] IPersistentState<HelpSeekerGrain.SeekerState> state,
    IOptions<ConversationOptions> options,
    TimeProvider time) : Grain, IHelpSeekerGrain, IRemindable
{
    private const string UnstartedReminder = "unstarted-session";

    // Where this person is connected now; in memory, since hosts tell it again on every connection and renewal.
    private readonly HashSet<string> _hosts = [];
    private IGrainTimer? _awayTimer;

    private string SeekerId => this.GetPrimaryKeyString();

    public async Task Create(SessionPreferences preferences)
    {
        if (state.RecordExists)
        {
            return;
        }

        // The reminder first: should the write then fail, the reminder finds nothing and goes; the other way round, a
        // failed registration would leave a session that never expires.
        var lifetime = options.Value.UnstartedSessionLifetime;
        await this.RegisterOrUpdateReminder(
            UnstartedReminder, lifetime, lifetime > MinimumReminderPeriod ? lifetime : MinimumReminderPeriod);
        state.State.Preferences = preferences;
        state.State.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
    }

    /// <summary>
    /// Once, an UnstartedSessionLifetime after the session was made: a session with no conversation is cleared. The
    /// reminder is not removed when a conversation starts, to keep that path free of another storage write; it goes here.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != UnstartedReminder)
        {
            return;
        }

        var unused = state.RecordExists && state.State.Conversations.Count == 0;
        if (unused)
        {
            // A key kept for a session that never started a chat would open nothing: it goes with the session.
            await GrainFactory.GetGrain<IReturnKeyGrain>(SeekerId).Erase();
            await GrainFactory.GetGrain<IPasskeyGrain>(SeekerId).Erase();
            await state.ClearStateAsync();
            state.State = new SeekerState();
        }

        if (await this.GetReminder(UnstartedReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        if (unused || !state.RecordExists)
        {
            DeactivateOnIdle();
        }
    }

    public Task<bool> Exists() => Task.FromResult(state.RecordExists);

    public async Task<ConversationView> StartConversation()
    {
        var preferences = RequirePreferences();
        if (state.State.Open.Count >= options.Value.MaxOpenConversations)
        {
            throw new HelplineException(
                ErrorCodes.RateLimited,
                $"You already have {state.State.Open.Count} conversations open; end one before starting another.");
        }

        var conversationId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var plan = await GrainFactory.GetGrain<IPlanGrain>(SeekerId).Steps();
        var pattern = await Pattern(now);
        var view = await GrainFactory.GetGrain<IConversationGrain>(conversationId).Open(
            new ConversationOpening(SeekerId, preferences.Language, preferences.Region, [.. state.State.PastSupporters], plan, pattern));
        state.State.Conversations.Add(conversationId);
        state.State.Open.Add(conversationId);
        state.State.StartedAt[conversationId] = now;
        ForgetBeyondRetention(now);
        await state.WriteStateAsync();
        return view;
    }

    /// <summary>The person's conversations and check-in moods over time, for the hand-off card of the one opening now.</summary>
    private async Task<PersonPattern> Pattern(DateTimeOffset now)
    {
        var moods = await GrainFactory.GetGrain<ICheckInGrain>(SeekerId).MoodHistory();
        var earlier = state.State.StartedAt.Select(c =>
            new ConversationMark(c.Value, state.State.RiskHistory.TryGetValue(c.Key, out var risk) ? risk : null));
        return PatternReader.Read(now, options.Value.TranscriptRetention, earlier, moods);
    }

    /// <summary>
    /// A conversation's time and risk go when its transcript does: the state is rewritten on each visit, so without this
    /// they would outlive the retention for a person who keeps coming back.
    /// </summary>
    private void ForgetBeyondRetention(DateTimeOffset now)
    {
        foreach (var (conversationId, startedAt) in state.State.StartedAt.ToArray())
        {
            if (startedAt <= now - options.Value.TranscriptRetention)
            {
                state.State.StartedAt.Remove(conversationId);
                state.State.RiskHistory.Remove(conversationId);
            }
        }
    }

    public Task<string[]> Conversations() => Task.FromResult(state.State.Conversations.ToArray());

    public async Task ConversationClosed(string conversationId, string? supporterId, RiskLevel highestRisk)
    {
        if (!state.State.Conversations.Contains(conversationId))
        {
            return;
        }

        state.State.Open.Remove(conversationId);
        state.State.RiskHistory[conversationId] = highestRisk;
        if (supporterId is not null && !state.State.PastSupporters.Contains(supporterId))
        {
            state.State.PastSupporters.Add(supporterId);
        }

        await state.WriteStateAsync();
    }

    public async Task Erase()
    {
        RequirePreferences();
        foreach (var conversationId in state.State.Conversations)
        {
            await GrainFactory.GetGrain<IConversationGrain>(conversationId).Erase(SeekerId);
        }

        await GrainFactory.GetGrain<IPushSubscriptionGrain>(SeekerId).Unsubscribe();
        await GrainFactory.GetGrain<IReturnKeyGrain>(SeekerId).Erase();
        await GrainFactory.GetGrain<IPasskeyGrain>(SeekerId).Erase();

        // The unused-session reminder names this person too: it goes with them rather than at its own time.
        if (await this.GetReminder(UnstartedReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await GrainFactory.GetGrain<ICheckInGrain>(SeekerId).Erase();
        await GrainFactory.GetGrain<IPlanGrain>(SeekerId).Erase();

        await state.ClearStateAsync();
        state.State = new SeekerState();
        DeactivateOnIdle();
    }

    public async Task QuickExit()
    {
        RequirePreferences();
        await LeaveOpenConversations(Departure.QuickExit);
    }

    public Task Present(string hostId)
    {
        _hosts.Add(hostId);
        _awayTimer?.Dispose();
        _awayTimer = null;
        return Task.CompletedTask;
    }

    public async Task Away(string hostId)
    {
        _hosts.Remove(hostId);
        if (_hosts.Count > 0)
        {
            // A host that died never said its people left: only live ones count.
            _hosts.IntersectWith(await GrainFactory.GetGrain<IHostRollGrain>(0).Live([.. _hosts]));
        }

        if (_hosts.Count == 0 && state.State.Open.Count > 0)
        {
            _awayTimer?.Dispose();
            _awayTimer = this.RegisterGrainTimer(
                _ => LeaveOpenConversations(Departure.PageClosed),
                new GrainTimerCreationOptions(options.Value.PageClosedGrace, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    private async Task LeaveOpenConversations(Departure departure)
    {
        // ConversationClosed comes back one-way after this turn, so the open set is copied before it changes.
        foreach (var conversationId in state.State.Open.ToArray())
        {
            await GrainFactory.GetGrain<IConversationGrain>(conversationId).Left(SeekerId, departure);
        }
    }

    // Orleans refuses reminder periods under a minute; the period only matters if the first tick's unregistering fails.
    private static readonly TimeSpan MinimumReminderPeriod = TimeSpan.FromMinutes(1);

    private SessionPreferences RequirePreferences() =>
        state.RecordExists && state.State.Preferences is { } preferences
            ? preferences
            : throw HelplineException.NotFound("This session");

    [GenerateSerializer, Alias("StoriBoard.HelpSeekerGrain.SeekerState")]
    public sealed class SeekerState
    {
        [Id(0)] public SessionPreferences? Preferences { get; set; }
        [Id(1)] public DateTimeOffset CreatedAt { get; set; }
        [Id(2)] public List<string> Conversations { get; set; } = [];
        [Id(3)] public HashSet<string> Open { get; set; } = [];
        [Id(4)] public List<string> PastSupporters { get; set; } = [];
        [Id(5)] public Dictionary<string, RiskLevel> RiskHistory { get; set; } = [];

        /// <summary>When each conversation started, for patterns over time; kept within the retention.</summary>
        [Id(6)] public Dictionary<string, DateTimeOffset> StartedAt { get; set; } = [];
    }
}
