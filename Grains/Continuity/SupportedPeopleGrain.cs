namespace StoriBoard.Continuity;

/// <summary>
/// The people who let one supporter follow their plan. Holds only who they are to this supporter; their plan and moods
/// are read from their own grains at each look, so consent withdrawn there shows nothing here at once.
/// </summary>
public sealed class SupportedPeopleGrain(
    [PersistentState("supported", Storage.Name)] IPersistentState<SupportedPeopleGrain.SupportedState> state)
    : Grain, ISupportedPeopleGrain
{
    private string SupporterId => this.GetPrimaryKeyString();

    public async Task<string> Follow(string seekerId)
    {
        if (state.State.People.FirstOrDefault(p => p.Value == seekerId).Key is { } known)
        {
            return known;
        }

        var personId = Guid.NewGuid().ToString("N");
        state.State.People[personId] = seekerId;
        await state.WriteStateAsync();
        return personId;
    }

    public async Task Unfollow(string seekerId)
    {
        foreach (var personId in state.State.People.Where(p => p.Value == seekerId).Select(p => p.Key).ToArray())
        {
            state.State.People.Remove(personId);
        }

        await Write();
    }

    public async Task<SupportedPersonView[]> List()
    {
        var people = await Task.WhenAll(state.State.People.Select(p =>
            GrainFactory.GetGrain<IPlanGrain>(p.Value).AsFollowedBy(SupporterId, p.Key)));
        return people.OfType<SupportedPersonView>().ToArray();
    }

    public async Task<SupportedPersonView> LeaveNote(string personId, string text)
    {
        PlanRules.Id(personId, "personId");
        var note = PlanRules.NoteText(text);
        if (!state.State.People.TryGetValue(personId, out var seekerId))
        {
            throw HelplineException.NotFound("This person");
        }

        var plan = GrainFactory.GetGrain<IPlanGrain>(seekerId);
        await plan.LeaveNote(SupporterId, note);
        return await plan.AsFollowedBy(SupporterId, personId)
            ?? throw HelplineException.Forbidden("This person has not allowed you to follow their plan.");
    }

    /// <summary>An empty list leaves no key behind.</summary>
    private Task Write() => state.State.People.Count == 0 ? state.ClearStateAsync() : state.WriteStateAsync();

    [GenerateSerializer, Alias("StoriBoard.SupportedPeopleGrain.SupportedState")]
    public sealed class SupportedState
    {
        /// <summary>Person id (what the supporter sees) to seeker id.</summary>
        [Id(0)] public Dictionary<string, string> People { get; set; } = [];
    }
}
