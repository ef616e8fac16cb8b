using Microsoft.Extensions.Options;

namespace StoriBoard;

/// <summary>An anonymous help-seeker: no name, e-mail or phone; only what continuity and safety need.</summary>
public sealed class HelpSeekerGrain(
    [PersistentState("seeker", Storage.Name)] IPersistentState<HelpSeekerGrain.SeekerState> state,
    IOptions<ConversationOptions> options,
    TimeProvider time) : Grain, IHelpSeekerGrain
{
    private string SeekerId => this.GetPrimaryKeyString();

    public async Task Create(SessionPreferences preferences)
    {
        if (state.RecordExists)
        {
            return;
        }

        state.State.Preferences = preferences;
        state.State.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
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
        var view = await GrainFactory.GetGrain<IConversationGrain>(conversationId).Open(
            new ConversationOpening(SeekerId, preferences.Language, preferences.Region, [.. state.State.PastSupporters]));
        state.State.Conversations.Add(conversationId);
        state.State.Open.Add(conversationId);
        await state.WriteStateAsync();
        return view;
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

        await state.ClearStateAsync();
        state.State = new SeekerState();
        DeactivateOnIdle();
    }

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
    }
}
