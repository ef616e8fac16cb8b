namespace StoriBoard;

/// <summary>
/// The supervisors' live board: every red-flag conversation still open, and the supervisors to alert. Kept in storage,
/// so the board is whole again after a silo dies or the cluster restarts; red flags are rare, so a write each is cheap.
/// </summary>
public sealed class RedFlagBoardGrain(
    [PersistentState("redflags", Storage.Name)] IPersistentState<RedFlagBoardGrain.BoardState> state,
    IGrainFactory grains) : Grain, IRedFlagBoardGrain
{
    private BoardState Board => state.State;

    public async Task SupervisorPresent(string supervisorId, bool present)
    {
        if (present ? Board.Supervisors.Add(supervisorId) : Board.Supervisors.Remove(supervisorId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Raise(ConversationView conversation)
    {
        Board.Open[conversation.ConversationId] = conversation;
        await state.WriteStateAsync();
        await Announce(ClientEvent.RedFlag(conversation));
    }

    public async Task Resolve(string conversationId)
    {
        if (Board.Open.Remove(conversationId, out var conversation))
        {
            await state.WriteStateAsync();
            await Announce(ClientEvent.RedFlag(conversation with { Status = ConversationStatus.Ended }));
        }
    }

    public Task<ConversationView[]> Open() =>
        Task.FromResult(Board.Open.Values.OrderByDescending(c => c.Risk).ThenBy(c => c.StartedAt).ToArray());

    private Task Announce(ClientEvent clientEvent) =>
        Task.WhenAll(Board.Supervisors.Select(id =>
            grains.GetGrain<IInboxGrain>(Participant.Supporter(id).InboxKey).Deliver(clientEvent)));

    [GenerateSerializer, Alias("StoriBoard.RedFlagBoardGrain.BoardState")]
    public sealed class BoardState
    {
        [Id(0)] public Dictionary<string, ConversationView> Open { get; set; } = new(StringComparer.Ordinal);

        [Id(1)] public HashSet<string> Supervisors { get; set; } = new(StringComparer.Ordinal);
    }
}
