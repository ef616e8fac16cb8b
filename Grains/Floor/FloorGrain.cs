using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoriBoard.Floor;

/// <summary>
/// The supervisors' live floor, in memory only: conversations and staff tell it of every change with one-way calls,
/// which at night-peak would be a storage write each if it were persisted. A floor lost with its silo is whole again
/// within seconds from what is kept elsewhere: the red flags from their persisted board (asked at once), waiting
/// conversations on their re-queue reminder, online staff on their refresh timer (and the peer chats they hold, which
/// it then asks), and the supervisors watching when their gateways attach again and resend their screens.
/// </summary>
public sealed class FloorGrain(IOptions<FloorOptions> options, TimeProvider time, ILogger<FloorGrain> logger) : Grain, IFloorGrain
{
    /// <summary>The contract's "at most about once a second": changes in between go out together.</summary>
    private static readonly TimeSpan PushEvery = TimeSpan.FromSeconds(1);

    private readonly FloorBoard _board = new();
    private readonly HashSet<string> _watchers = new(StringComparer.Ordinal);
    private bool _changed;
    private DateTimeOffset _lastTick;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _lastTick = time.GetUtcNow();

        // Kept alive by its own timer: an idle collection would forget the floor.
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(PushEvery, PushEvery) { KeepAlive = true });
        var redFlags = await GrainFactory.GetGrain<IRedFlagBoardGrain>(0).Open();
        logger.LogInformation("The floor starts empty and gathers itself; asking {RedFlags} open red flags first", redFlags.Length);
        foreach (var redFlag in redFlags)
        {
            await GrainFactory.GetGrain<IConversationGrain>(redFlag.ConversationId).TellFloor();
        }
    }

    public Task Conversation(ConversationOnFloor conversation)
    {
        _changed |= _board.Apply(conversation);
        return Task.CompletedTask;
    }

    public async Task Supporter(SupporterOnFloor supporter)
    {
        // A supervisor watching stays a watcher while not taking chats (offline for matching: the floor page never
        // sets a presence). Pushes to one who has gone reach no gateway and cost one inbox call.
        _changed |= _board.Apply(supporter);
        if (supporter.Presence == Presence.Offline)
        {
            return;
        }

        // A chat the floor has not heard of is one it lost: the conversation tells it again.
        foreach (var unknown in supporter.ActiveChats.Where(id => !_board.Knows(id)))
        {
            await GrainFactory.GetGrain<IConversationGrain>(unknown).TellFloor();
        }
    }

    public Task<FloorView> Watch(string supervisorId)
    {
        _watchers.Add(supervisorId);
        return Task.FromResult(View(time.GetUtcNow()));
    }

    private async Task Tick(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var restEnded = _board.RestEndedBetween(_lastTick, now);
        _lastTick = now;
        if (!(_changed || restEnded) || _watchers.Count == 0)
        {
            return;
        }

        _changed = false;
        var floor = ClientEvent.Floor(View(now));
        await Task.WhenAll(_watchers.Select(id => Push(id, floor)));
    }

    /// <summary>A push that fails costs one second of that supervisor's floor: the next change brings it whole.</summary>
    private async Task Push(string supervisorId, ClientEvent floor)
    {
        try
        {
            await GrainFactory.GetGrain<IInboxGrain>(Participant.Supporter(supervisorId).InboxKey).Deliver(floor);
        }
        catch (Exception exception) when (exception is not HelplineException)
        {
            _changed = true;
            logger.LogWarning(exception, "Push of the floor to supervisor {SupervisorId} failed; trying again with the next", supervisorId);
        }
    }

    private FloorView View(DateTimeOffset now) => _board.View(now, options.Value.RedFlagAlarmAfter);
}
