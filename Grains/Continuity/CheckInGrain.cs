using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoriBoard.Conversations;

namespace StoriBoard.Continuity;

/// <summary>
/// A person's check-ins. The next one is an Orleans reminder (on Redis in service, so it survives restarts); when it
/// comes, the check-in waits in this grain's state until the person answers, pushed to an open page or given to the
/// page when they next connect. Answers feed safety: a low or falling mood asks for a peer, and the person's words become their
/// message in a conversation, so the classifier judges them and a red flag is routed like any other.
/// </summary>
public sealed class CheckInGrain(
    [PersistentState("checkins", Storage.Name)] IPersistentState<CheckInGrain.CheckInState> state,
    IOptions<CheckInOptions> options,
    IOptions<ConversationOptions> conversations,
    TimeProvider time,
    ILogger<CheckInGrain> logger) : Grain, ICheckInGrain, IRemindable
{
    private const string Reminder = "check-in";

    /// <summary>Moods at or under this offer a peer at once.</summary>
    public const int LowMood = 2;

    /// <summary>Kept for patterns over time; the oldest go first beyond this.</summary>
    private const int MoodsKept = 200;

    private readonly FloodGuard _floodGuard = new(conversations.Value.MessagesPerWindow, conversations.Value.RateWindow, time);

    private string SeekerId => this.GetPrimaryKeyString();

    private CheckInState CheckIns => state.State;

    public async Task<CheckInSchedule> Schedule(CheckInTime chosenTime)
    {
        var chosen = PlanRules.Time(options.Value, chosenTime.TimeZone, chosenTime.InDays, chosenTime.TimeOfDay);
        await RequireSession();
        PlanRules.RequireWithinRate(conversations.Value, _floodGuard, SeekerId);
        var now = time.GetUtcNow();
        var at = options.Value.Delay is { } delay ? now + delay : PlanRules.When(chosen, now);

        // The reminder first: should the write then fail, the reminder finds nothing scheduled and goes.
        await this.RegisterOrUpdateReminder(Reminder, at - now, options.Value.RetryPeriod);
        CheckIns.Next = new CheckInSchedule(at, chosen.TimeZone);
        CheckIns.TimeZone = chosen.TimeZone;
        await state.WriteStateAsync();
        return CheckIns.Next;
    }

    public async Task Cancel()
    {
        PlanRules.RequireWithinRate(conversations.Value, _floodGuard, SeekerId);
        await StopReminder();
        if (CheckIns.Next is not null)
        {
            CheckIns.Next = null;
            await state.WriteStateAsync();
        }
    }

    public async Task<CheckInView?> Pending()
    {
        if (CheckIns.Next is { } next && time.GetUtcNow() >= next.At)
        {
            await Come();
        }
        else if (CheckIns.Pending is { } waiting && await GrainFactory.GetGrain<IPlanGrain>(SeekerId).TakeNote() is { } note)
        {
            // A note the supporter left after the check-in came, while the person was away, still reaches them with it.
            CheckIns.Pending = waiting with { Note = note };
            await state.WriteStateAsync();
        }

        return CheckIns.Pending;
    }

    public Task<CheckInSchedule?> Next() => Task.FromResult(CheckIns.Next);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != Reminder)
        {
            return;
        }

        if (CheckIns.Next is null)
        {
            await StopReminder();
            return;
        }

        await Come();
    }

    public async Task<CheckInAnswered> Answer(string checkInId, int mood, StepAnswer[] steps, string? text)
    {
        PlanRules.Id(checkInId, "checkInId");
        PlanRules.Mood(mood);
        steps = PlanRules.Answers(steps);
        var words = string.IsNullOrWhiteSpace(text) ? null : text;
        if (words is not null)
        {
            ConversationAccess.ValidateMessage(conversations.Value, clientMessageId: null, words);
        }

        if (CheckIns.Pending?.CheckInId != checkInId)
        {
            throw HelplineException.NotFound("This check-in");
        }

        PlanRules.RequireWithinRate(conversations.Value, _floodGuard, SeekerId);

        if (steps.Length > 0)
        {
            await GrainFactory.GetGrain<IPlanGrain>(SeekerId).Progress(steps);
        }

        // A falling trend offers a peer as a low mood does, before the person has to ask: 5 then 3 is a fall even
        // though 3 alone is not low.
        var now = time.GetUtcNow();
        var reading = new MoodReading(now, mood);
        var falling = PatternReader.Mood(
            now, conversations.Value.TranscriptRetention, new MoodHistory([.. CheckIns.Moods, reading], CheckIns.TimeZone)).Trend == Trend.Falling;
        var offerPeer = mood <= LowMood || falling;

        // Safety before bookkeeping: the words reach a conversation (and a red flag a person) before the answer is
        // stored, so a failure half-way leaves the check-in to answer again rather than words nobody read. The mood
        // joins the readings first, in memory only, so that conversation's hand-off card counts it; a failure takes it back.
        CheckIns.Moods.Add(reading);
        string? conversationId = null;
        try
        {
            if (words is not null || offerPeer)
            {
                var me = Participant.Seeker(SeekerId);
                conversationId = (await GrainFactory.GetGrain<IHelpSeekerGrain>(SeekerId).StartConversation()).ConversationId;
                var conversation = GrainFactory.GetGrain<IConversationGrain>(conversationId);
                if (words is not null)
                {
                    await conversation.Send(me, $"checkin{checkInId}", words);
                }

                if (offerPeer)
                {
                    await conversation.RequestPeer(me);
                }
            }
        }
        catch
        {
            CheckIns.Moods.Remove(reading);
            throw;
        }

        // Moods go with the retention, like everything else of the person's, however often they come back.
        CheckIns.Moods.RemoveAll(m => m.At <= now - conversations.Value.TranscriptRetention);
        if (CheckIns.Moods.Count > MoodsKept)
        {
            CheckIns.Moods.RemoveAt(0);
        }

        CheckIns.Pending = null;
        await state.WriteStateAsync();
        return new CheckInAnswered(checkInId, conversationId, offerPeer, falling);
    }

    public Task<MoodReading[]> Moods() => Task.FromResult(CheckIns.Moods.ToArray());

    public Task<MoodHistory> MoodHistory() => Task.FromResult(new MoodHistory([.. CheckIns.Moods], CheckIns.TimeZone));

    public async Task Erase()
    {
        await StopReminder();
        await state.ClearStateAsync();
        state.State = new CheckInState();
        DeactivateOnIdle();
    }

    /// <summary>
    /// The check-in's time has come: it asks about the steps still to do and carries the supporter's note. One not yet
    /// answered is replaced, keeping its note if no new one came.
    /// </summary>
    private async Task Come()
    {
        var plan = GrainFactory.GetGrain<IPlanGrain>(SeekerId);
        var note = await plan.TakeNote() ?? CheckIns.Pending?.Note;
        var steps = (await plan.Steps()).Where(s => s.Accepted && s.Progress != StepProgress.Done).ToArray();
        var checkIn = new CheckInView(Guid.NewGuid().ToString("N"), CheckIns.Next?.At ?? time.GetUtcNow(), steps, note);
        CheckIns.Pending = checkIn;
        CheckIns.Next = null;
        await state.WriteStateAsync();
        await StopReminder();
        await Notify(checkIn);
    }

    private async Task Notify(CheckInView checkIn)
    {
        try
        {
            await GrainFactory.GetGrain<IInboxGrain>(Participant.Seeker(SeekerId).InboxKey).Deliver(ClientEvent.CheckIn(checkIn));
        }
        catch (Exception exception) when (exception is not HelplineException)
        {
            logger.LogWarning(exception, "Push of a check-in failed; the page is given it when it next connects");
        }

        // And to the person's device, if they allowed it: a neutral notice, whether or not a page is open. One-way.
        await GrainFactory.GetGrain<IPushSubscriptionGrain>(SeekerId).Notify();
    }

    private async Task RequireSession()
    {
        if (!await GrainFactory.GetGrain<IHelpSeekerGrain>(SeekerId).Exists())
        {
            throw HelplineException.NotFound("This session");
        }
    }

    private async Task StopReminder()
    {
        if (await this.GetReminder(Reminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [GenerateSerializer, Alias("StoriBoard.CheckInGrain.CheckInState")]
    public sealed class CheckInState
    {
        [Id(0)] public CheckInSchedule? Next { get; set; }
        [Id(1)] public CheckInView? Pending { get; set; }
        [Id(2)] public List<MoodReading> Moods { get; set; } = [];

        /// <summary>The zone the person last chose a check-in in: their days, for reading moods over time.</summary>
        [Id(3)] public string? TimeZone { get; set; }
    }
}
