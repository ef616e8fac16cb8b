namespace StoriBoard.Conversations;

/// <summary>Who may do what in a conversation, and what a message must be. Every refusal changes nothing.</summary>
public static class ConversationAccess
{
    public static void RequireParticipant(ConversationRecord record, Participant caller)
    {
        if (!record.Exists)
        {
            throw HelplineException.NotFound("This conversation");
        }

        var allowed = caller.Role switch
        {
            Role.Seeker => caller.Id == record.SeekerId,
            Role.Supervisor => caller.Id == record.Supporter?.SupporterId || record.HasJoined(caller.Id),
            _ => caller.Id == record.Supporter?.SupporterId,
        };
        if (!allowed)
        {
            throw HelplineException.Forbidden("This conversation is not yours.");
        }
    }

    /// <summary>What supervisors and admins read about a conversation (its wrap-up); never its own participants.</summary>
    public static void RequireOversight(ConversationRecord record, Participant caller) =>
        RequireRole(record, caller, "Only supervisors and admins read wrap-ups.", Role.Supervisor, Role.Admin);

    public static void RequireSeeker(ConversationRecord record, Participant caller, string action)
    {
        RequireParticipant(record, caller);
        if (caller.Role != Role.Seeker)
        {
            throw HelplineException.Forbidden($"Only the help-seeker can {action}.");
        }
    }

    public const int MaxReasonLength = 500;

    /// <summary>
    /// The chat's own supporter or any supervisor may change a conversation's risk, always with a reason; clearing a
    /// red flag takes a crisis-trained supporter or a supervisor. Answers the reason, trimmed.
    /// </summary>
    public static string RequireMayChangeRisk(ConversationRecord record, Participant caller, RiskLevel to, string? reason)
    {
        if (!record.Exists)
        {
            throw HelplineException.NotFound("This conversation");
        }

        var supervisor = caller.Role == Role.Supervisor;
        var theirChat = caller.Role != Role.Seeker && caller.Id == record.Supporter?.SupporterId
            && record.Status == ConversationStatus.Peer;
        if (!supervisor && !theirChat)
        {
            throw HelplineException.Forbidden("Only the supporter in this chat or a supervisor can change its risk.");
        }

        RequireOpen(record);
        if (record.Risk.Level.IsRedFlag() && !to.IsRedFlag() && !supervisor && !record.SupporterCrisisTrained)
        {
            throw HelplineException.Forbidden("Only a crisis-trained supporter or a supervisor can clear a red flag.");
        }

        var why = reason?.Trim() ?? "";
        if (why.Length is < 3 or > MaxReasonLength || why.Any(char.IsControl))
        {
            throw HelplineException.Invalid($"A reason is 3 to {MaxReasonLength} characters of plain text.");
        }

        return why;
    }

    /// <summary>Reading any transcript, joining, whispering and moving chats are for supervisors.</summary>
    public static void RequireSupervisor(ConversationRecord record, Participant caller) =>
        RequireRole(record, caller, "Only a supervisor can do this.", Role.Supervisor);

    /// <summary>Staff who act on a conversation from outside it: the role first, so a refusal says nothing of the conversation.</summary>
    private static void RequireRole(ConversationRecord record, Participant caller, string refusal, params Role[] allowed)
    {
        if (!allowed.Contains(caller.Role))
        {
            throw HelplineException.Forbidden(refusal);
        }

        if (!record.Exists)
        {
            throw HelplineException.NotFound("This conversation");
        }
    }

    /// <summary>A supervisor who only joined leaves the chat; ending it is for the help-seeker and its supporter.</summary>
    public static void RequireMayEnd(ConversationRecord record, Participant caller)
    {
        RequireParticipant(record, caller);
        if (caller.Role == Role.Supervisor && caller.Id != record.Supporter?.SupporterId)
        {
            throw HelplineException.Forbidden("A supervisor who joined leaves the chat; its supporter or the person ends it.");
        }
    }

    /// <summary>A supervisor joins, or whispers in, a chat that is with a supporter now, and not their own.</summary>
    public static void RequireMayJoin(ConversationRecord record, Participant supervisor)
    {
        RequireSupervisor(record, supervisor);
        RequireOpen(record);
        RequirePeerChat(record);
        if (record.Supporter!.SupporterId == supervisor.Id)
        {
            throw HelplineException.Conflict("You are this chat's supporter.");
        }
    }

    /// <summary>
    /// Whether a supervisor may move this chat to <paramref name="appointee"/>: an open chat that is not theirs
    /// already, in a language they speak, and a red flag only to someone trained for it.
    /// </summary>
    public static void RequireMayAppoint(ConversationRecord record, Participant supervisor, Appointee appointee)
    {
        RequireSupervisor(record, supervisor);
        RequireOpen(record);
        var name = appointee.Supporter.DisplayName;
        if (record.Supporter?.SupporterId == appointee.Supporter.SupporterId)
        {
            throw HelplineException.Conflict($"{name} already has this chat.");
        }

        if (!appointee.Languages.Contains(record.Language) && !appointee.Languages.Contains(record.MatchingLanguage))
        {
            throw HelplineException.Conflict($"{name} does not speak this conversation's language ({record.Language}).");
        }

        if (record.Risk.Level.IsRedFlag() && !appointee.MayTakeRedFlag)
        {
            throw HelplineException.Conflict($"{name} is not crisis-trained; a red flag goes only to a crisis-trained supporter or a supervisor.");
        }
    }

    public static void RequireOpen(ConversationRecord record)
    {
        if (record.Status == ConversationStatus.Ended)
        {
            throw HelplineException.Conflict("This conversation has ended.");
        }
    }

    /// <summary>A supporter writes only while the chat is theirs.</summary>
    public static void RequirePeerChat(ConversationRecord record)
    {
        if (record.Status != ConversationStatus.Peer || record.Supporter is null)
        {
            throw HelplineException.Conflict("This conversation is not with a supporter now.");
        }
    }

    public static void ValidateMessage(ConversationOptions options, string? clientMessageId, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw HelplineException.Invalid("A message needs some text.");
        }

        if (text.Length > options.MaxMessageLength)
        {
            throw new HelplineException(ErrorCodes.TooLarge, $"A message is at most {options.MaxMessageLength} characters.");
        }

        if (clientMessageId is not null && (clientMessageId.Length == 0 || clientMessageId.Length > options.MaxClientMessageIdLength))
        {
            throw HelplineException.Invalid($"A clientMessageId is 1 to {options.MaxClientMessageIdLength} characters, or null.");
        }
    }

    public static void ValidateEnding(ConversationOptions options, int? rating, string? note)
    {
        if (rating is < 1 or > 5)
        {
            throw HelplineException.Invalid("A rating is a whole number from 1 to 5, or nothing.");
        }

        if (note?.Length > options.MaxNoteLength)
        {
            throw new HelplineException(ErrorCodes.TooLarge, $"A note is at most {options.MaxNoteLength} characters.");
        }
    }

    public static void RequireWithinRate(ConversationOptions options, FloodGuard floodGuard, Participant caller)
    {
        if (!floodGuard.TryAdmit(caller.Id))
        {
            throw new HelplineException(
                ErrorCodes.RateLimited,
                $"Too many messages: at most {options.MessagesPerWindow} every {options.RateWindow.TotalSeconds:0} seconds.");
        }
    }
}
