namespace StoriBoard.Conversations;

/// <summary>What a conversation does next, decided from what it was before a message and what it is after.</summary>
[Flags, Alias("StoriBoard.Conversations.TurnActions")]
public enum TurnActions
{
    None = 0,

    /// <summary>Move from the AI to the queue for a peer.</summary>
    AskForPeer = 1,

    /// <summary>Already queued: queue again at the new risk (a red flag jumps ahead and goes to crisis-trained supporters only).</summary>
    Requeue = 2,

    /// <summary>A peer chat became a red flag with a supporter who is not crisis-trained: find one to take over.</summary>
    HandOverToCrisisSupporter = 4,

    /// <summary>Tell the supervisors' board.</summary>
    RaiseRedFlag = 8,

    /// <summary>A person cleared the red flag: off the supervisors' board.</summary>
    ClearRedFlag = 16,

    /// <summary>A red flag cleared while a crisis-trained supporter was sought to take over: the search stops.</summary>
    CancelHandOver = 32,
}

/// <summary>
/// The routing rules of a seeker's turn, pure so each one is tested on its own: a red flag is never left to the AI,
/// never left with a supporter who is not crisis-trained, and always reaches the supervisors.
/// </summary>
public static class TurnPolicy
{
    /// <summary>What follows a change of risk: by a seeker's message, or by a person from the console.</summary>
    public static TurnActions AfterRiskChange(ConversationOutline before, ConversationRecord after)
    {
        var actions = TurnActions.None;
        var risk = after.Risk.Level;
        var rose = risk > before.Risk;
        if (after.Status == ConversationStatus.Ai && risk >= RiskLevel.Moderate)
        {
            actions |= TurnActions.AskForPeer;
        }
        else if (after.IsQueued && rose)
        {
            actions |= TurnActions.Requeue;
        }
        else if (after.Status == ConversationStatus.Peer && rose && risk.IsRedFlag() && !after.SupporterCrisisTrained)
        {
            actions |= TurnActions.HandOverToCrisisSupporter;
        }

        if (rose && risk.IsRedFlag())
        {
            actions |= TurnActions.RaiseRedFlag;
        }

        if (before.Risk.IsRedFlag() && !risk.IsRedFlag())
        {
            actions |= TurnActions.ClearRedFlag;
            if (after.Status == ConversationStatus.Peer && after.HandingOver)
            {
                actions |= TurnActions.CancelHandOver;
            }
            else if (after.Status == ConversationStatus.Waiting)
            {
                // Queued again at the lower risk, so that any qualified supporter can take it.
                actions |= TurnActions.Requeue;
            }
        }

        return actions;
    }

    /// <summary>The AI judged that a person would help now; only a conversation still with the AI moves to the queue.</summary>
    public static TurnActions AfterReply(ConversationRecord record, bool replyAsksForPeer) =>
        replyAsksForPeer && record.Status == ConversationStatus.Ai ? TurnActions.AskForPeer : TurnActions.None;

    /// <summary>The actions that put the conversation into the matchmaker's queue.</summary>
    public const TurnActions Queueing =
        TurnActions.AskForPeer | TurnActions.Requeue | TurnActions.HandOverToCrisisSupporter;
}
