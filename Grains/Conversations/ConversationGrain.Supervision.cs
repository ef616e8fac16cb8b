namespace StoriBoard.Conversations;

/// <summary>
/// A supervisor steps in: reads the transcript, joins the chat as a visible third participant, whispers to the
/// supporter, takes the chat over or gives it to someone else. The rules are in <see cref="ConversationAccess"/> and
/// <see cref="ConversationRecord"/>; a move goes the way a crisis hand-over does (<see cref="HandTo"/>).
/// </summary>
public sealed partial class ConversationGrain
{
    public async Task<MessageView[]> Transcript(Participant supervisor)
    {
        ConversationAccess.RequireSupervisor(Record, supervisor);
        var all = new List<MessageView>();
        await foreach (var message in TranscriptAfter(0))
        {
            all.Add(ConversationViews.For(message, Role.Supervisor));
        }

        return [.. all];
    }

    public async Task<ConversationView> Join(Participant supervisor, string displayName)
    {
        ConversationAccess.RequireMayJoin(Record, supervisor);
        if (Record.Join(supervisor.Id, displayName))
        {
            await Save();
            await AppendAndPublish(SystemMessage($"{displayName}, a supervisor, has joined the conversation."));
            await PublishView();
        }

        return View(Role.Supervisor);
    }

    public async Task<ConversationView> Leave(Participant supervisor)
    {
        ConversationAccess.RequireSupervisor(Record, supervisor);
        if (!Record.HasJoined(supervisor.Id))
        {
            throw HelplineException.Conflict("You have not joined this conversation.");
        }

        // Told while still in the chat, so the supervisor's own screen shows it too; an ended chat needs no notice.
        var leaving = Record.Supervisors.Find(s => s.SupervisorId == supervisor.Id)!;
        if (Record.Status != ConversationStatus.Ended)
        {
            await AppendAndPublish(SystemMessage($"{leaving.DisplayName}, a supervisor, has left the conversation."));
        }

        Record.Leave(supervisor.Id);
        await Save();
        await PublishView();
        return View(Role.Supervisor);
    }

    public async Task<MessageView> Whisper(Participant supervisor, string displayName, string? clientMessageId, string text)
    {
        ConversationAccess.RequireMayJoin(Record, supervisor);
        ConversationAccess.ValidateMessage(options.Value, clientMessageId, text);
        Admit(supervisor, clientMessageId);
        return await AppendFromSupervisor(displayName, clientMessageId, text, whisper: true);
    }

    public async Task<ConversationView> Appoint(Participant supervisor, Appointee appointee)
    {
        ConversationAccess.RequireMayAppoint(Record, supervisor, appointee);
        var wasQueued = Record.IsQueued;
        var before = Record.Supporter;
        var name = appointee.Supporter.DisplayName;
        var supporter = appointee.Supporter with
        {
            SharedExperience = [.. appointee.Supporter.SharedExperience.Where(Record.Themes.ContainsKey)],
        };
        var takingOver = supervisor.Id == supporter.SupporterId;
        var joined = takingOver || appointee.Role == Role.Supervisor
            ? $"{name}, a supervisor, has joined."
            : supporter.SharedExperience.Length > 0
                ? $"{name} has joined. {name} is a peer supporter who has also been through {Matching.LivedExperiencePhrases.List(supporter.SharedExperience)}."
                : $"{name} has joined. {name} is a trained peer supporter.";
        var handOver = before is null ? null
            : takingOver ? $"{name}, a supervisor, is taking over from {before.DisplayName}."
            : $"{name} is taking over from {before.DisplayName}.";

        await HandTo(offerId: null, supporter, appointee.MayTakeRedFlag, before, Reports.TakeOver.Supervisor, handOver, joined);

        // Taken from the queue: any offer of it still open is withdrawn. A red flag keeps its board entry whoever has
        // it; the board lets go when the flag is cleared or the conversation ends.
        if (wasQueued)
        {
            await Matchmaker.Withdraw(ConversationId);
        }

        return View(Role.Supervisor);
    }

    /// <summary>A message from a supervisor who joined the chat: both sides read it.</summary>
    private async Task<MessageView> ReceiveFromSupervisor(Participant supervisor, string? clientMessageId, string text)
    {
        ConversationAccess.RequirePeerChat(Record);
        var name = Record.Supervisors.Find(s => s.SupervisorId == supervisor.Id)!.DisplayName;
        return await AppendFromSupervisor(name, clientMessageId, text, whisper: false);
    }

    private async Task<MessageView> AppendFromSupervisor(string name, string? clientMessageId, string text, bool whisper)
    {
        var (stored, created) = await transcripts.Append(new MessageView(
            ConversationId, SeqFloor, NewMessageId(), clientMessageId, Sender.Supervisor, name, text, time.GetUtcNow(),
            Whisper: whisper));
        PassOver(stored, created);
        await Publish(stored);
        return stored;
    }
}
