using StoriBoard.Conversations;

namespace StoriBoard.Reports;

/// <summary>How a conversation was taken from one supporter and given to another.</summary>
public enum TakeOver
{
    /// <summary>A red flag in a peer chat went to a crisis-trained supporter.</summary>
    CrisisHandOver,

    /// <summary>A supervisor stepped in.</summary>
    Supervisor,
}

/// <summary>
/// Counts the helpline's figures as the events happen, into the hour each happens in: counts and durations only, never
/// a word anyone wrote and never whose conversation it was. The grains call one method per event.
/// </summary>
public sealed class NightFigures(IFigureStore store, TimeProvider time)
{
    public void ConversationStarted() => store.Add(time.GetUtcNow(), FigureNames.Started);

    /// <summary>The AI's reply was stored <paramref name="wait"/> after the seeker's message arrived.</summary>
    public void AiReplied(TimeSpan wait) => Wait(FigureNames.AiReplyWait, wait, time.GetUtcNow());

    /// <summary>
    /// A supporter was assigned (<see cref="ConversationRecord.Assign"/> has run): a first join is a peer chat and its
    /// wait, someone replacing the supporter before is a take-over (<paramref name="takeOver"/> says which kind);
    /// either way a red flag may have reached a crisis-trained supporter now. Called before the record is written, so
    /// what it marks is kept.
    /// </summary>
    public void Assigned(ConversationRecord record, TakeOver? takeOver)
    {
        var now = time.GetUtcNow();
        if (takeOver is { } how)
        {
            TookOver(how);
        }
        else
        {
            store.Add(now, FigureNames.PeerChats);
            Wait(FigureNames.PeerWait, now - (record.WaitingSince ?? now), now);
        }

        ReachedIfCrisisTrained(record, now);
    }

    /// <summary>
    /// A turn's routing was decided; a conversation that first becomes a red flag is counted, and marked on its record
    /// (written with the turn) so its time to a crisis-trained supporter can be measured.
    /// </summary>
    public void Routed(ConversationRecord record, TurnActions actions)
    {
        if (!actions.HasFlag(TurnActions.RaiseRedFlag) || record.Figures.RedFlagAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        record.Figures.RedFlagAt = now;
        store.Add(now, FigureNames.RedFlags);
        if (record.Status == ConversationStatus.Peer && !record.HandingOver)
        {
            ReachedIfCrisisTrained(record, now);
        }
    }

    /// <summary>
    /// The conversation ended (<see cref="ConversationRecord.End"/> has run); <paramref name="wasWaiting"/> says it was
    /// in the queue when it did.
    /// </summary>
    public void Ended(ConversationRecord record, bool wasWaiting)
    {
        var now = time.GetUtcNow();
        if (record.Supporter is null)
        {
            if (wasWaiting)
            {
                store.Add(now, FigureNames.Abandoned);
            }
            else if (record.SeekerMessages > 0)
            {
                store.Add(now, FigureNames.AiOnly);
            }
        }

        if (record.Figures.RedFlagAt is not null && !record.Figures.RedFlagReached)
        {
            store.Add(now, FigureNames.RedFlagsNeverReached);
        }

        Rated(Role.Seeker, record.Rating);
    }

    /// <summary>A side's wrap-up was kept; the seeker's carries the rating.</summary>
    public void Rated(Role by, int? rating)
    {
        if (by != Role.Seeker || rating is not { } stars || stars is < 1 or > 5)
        {
            return;
        }

        var now = time.GetUtcNow();
        store.Add(now, FigureNames.Ratings);
        store.Add(now, FigureNames.RatingSum, stars);
        store.Add(now, FigureNames.Rating(stars));
    }

    /// <summary>A conversation passed from one supporter to another.</summary>
    public void TookOver(TakeOver how) =>
        store.Add(time.GetUtcNow(), how == TakeOver.Supervisor ? FigureNames.SupervisorTakeOvers : FigureNames.CrisisHandOvers);

    /// <summary>
    /// A supporter was on shift (online or away) from <paramref name="from"/> to <paramref name="to"/> with
    /// <paramref name="chats"/> chats open: the time is shared out over the hours it spans.
    /// </summary>
    public void OnShift(DateTimeOffset from, DateTimeOffset to, int chats)
    {
        var start = from;
        while (start < to)
        {
            var hourEnd = HourFigures.HourOf(start).AddHours(1);
            var end = hourEnd < to ? hourEnd : to;
            var ms = (long)Math.Round((end - start).TotalMilliseconds);
            if (ms > 0)
            {
                store.Add(start, FigureNames.OnShiftMs, ms);
                if (chats > 0)
                {
                    store.Add(start, FigureNames.ChatMs, ms * chats);
                }
            }

            start = end;
        }
    }

    private void ReachedIfCrisisTrained(ConversationRecord record, DateTimeOffset now)
    {
        if (record.Figures.RedFlagAt is { } raised && !record.Figures.RedFlagReached && record.SupporterCrisisTrained
            && record.Supporter is not null)
        {
            record.Figures.RedFlagReached = true;
            store.Add(now, FigureNames.RedFlagsReached);
            Wait(FigureNames.CrisisWait, now - raised, now);
        }
    }

    private void Wait(string wait, TimeSpan took, DateTimeOffset at) =>
        store.Add(at, FigureNames.Bucket(wait, WaitHistogram.Bucket(took < TimeSpan.Zero ? TimeSpan.Zero : took)));
}

/// <summary>What a conversation keeps for the figures: when it first became a red flag and whether one trained for it has been with it since.</summary>
[GenerateSerializer, Alias("StoriBoard.Reports.ConversationFigures")]
public sealed class ConversationFigures
{
    [Id(0)] public DateTimeOffset? RedFlagAt { get; set; }
    [Id(1)] public bool RedFlagReached { get; set; }
}

/// <summary>
/// A supporter's time on shift and chats open since the last change, in the supporter's activation: each change of
/// presence or load closes the interval before it and counts it.
/// </summary>
public sealed class ShiftTally
{
    private DateTimeOffset? _since;
    private bool _onShift;
    private int _chats;

    public void Observe(NightFigures figures, Presence presence, int chats, DateTimeOffset now)
    {
        if (_since is { } since && _onShift)
        {
            figures.OnShift(since, now, _chats);
        }

        _since = now;
        _onShift = presence != Presence.Offline;
        _chats = chats;
    }
}
