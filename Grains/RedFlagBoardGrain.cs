namespace StoriBoard;

/// <summary>
/// The supervisors' live board: every red-flag conversation still open, and the supervisors to alert. Soft state:
/// supervisors re-announce themselves when they connect, and conversations re-raise while their risk stays red.
/// </summary>
public sealed class RedFlagBoardGrain(IGrainFactory grains) : Grain, IRedFlagBoardGrain
{
    private readonly HashSet<string> _supervisors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConversationView> _open = new(StringComparer.Ordinal);

    public Task SupervisorPresent(string supervisorId, bool present)
    {
        if (present)
        {
            _supervisors.Add(supervisorId);
        }
        else
        {
            _supervisors.Remove(supervisorId);
        }

        return Task.CompletedTask;
    }

    public Task Raise(ConversationView conversation)
    {
        _open[conversation.ConversationId] = conversation;
        return Announce(ClientEvent.RedFlag(conversation));
    }

    public Task Resolve(string conversationId)
    {
        if (_open.Remove(conversationId, out var conversation))
        {
            return Announce(ClientEvent.RedFlag(conversation with { Status = ConversationStatus.Ended }));
        }

        return Task.CompletedTask;
    }

    public Task<ConversationView[]> Open() =>
        Task.FromResult(_open.Values.OrderByDescending(c => c.Risk).ThenBy(c => c.StartedAt).ToArray());

    private Task Announce(ClientEvent clientEvent) =>
        Task.WhenAll(_supervisors.Select(id =>
            grains.GetGrain<IInboxGrain>(Participant.Supporter(id).InboxKey).Deliver(clientEvent)));
}
