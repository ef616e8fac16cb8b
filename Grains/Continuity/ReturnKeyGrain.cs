using Microsoft.Extensions.Options;

namespace StoriBoard.Continuity;

/// <summary>
/// A person's return key, keyed by their seeker id: which lookup records may hold it. A record is listed here before
/// the key is put in it, so a save cut short leaves nothing that erasing the person would miss.
/// </summary>
public sealed class ReturnKeyGrain(
    [PersistentState("returnkey", Storage.Name)] IPersistentState<ReturnKeyGrain.KeyState> state,
    IOptions<ReturnKeyOptions> options,
    TimeProvider time) : Grain, IReturnKeyGrain
{
    // Each save costs a slow hash: a few a minute is plenty for a person, and a script cannot make the silo busy with them.
    private readonly FloodGuard _saves = new(options.Value.SavesPerMinute, TimeSpan.FromMinutes(1), time);

    private string SeekerId => this.GetPrimaryKeyString();

    public async Task<string> Save()
    {
        if (!_saves.TryAdmit(SeekerId))
        {
            throw new HelplineException(
                ErrorCodes.RateLimited, "You have just made several keys. Please wait a minute before making another.");
        }

        if (!await GrainFactory.GetGrain<IHelpSeekerGrain>(SeekerId).Exists())
        {
            throw HelplineException.NotFound("This session");
        }

        var words = ReturnKeyPhrase.Draw(ReturnKeyWords.Default);
        var phrase = ReturnKeyPhrase.Join(words);
        var lookupId = ReturnKeyPhrase.LookupId(words);
        var kept = ReturnKeyPhrase.Keep(phrase, options.Value.HashIterations);

        if (state.State.Lookups.Add(lookupId))
        {
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IReturnKeyLookupGrain>(lookupId).Keep(SeekerId, kept);

        // The new key works; only now is the old one retired, so a failure between the two never leaves the person without one.
        foreach (var old in state.State.Lookups.Where(id => id != lookupId).ToArray())
        {
            await GrainFactory.GetGrain<IReturnKeyLookupGrain>(old).Forget(SeekerId);
            state.State.Lookups.Remove(old);
        }

        await state.WriteStateAsync();
        return phrase;
    }

    public async Task<bool> Returned()
    {
        if (!state.RecordExists || !await GrainFactory.GetGrain<IHelpSeekerGrain>(SeekerId).Exists())
        {
            return false;
        }

        // Written again so that it expires a retention period from this visit, as the lookup record does.
        await state.WriteStateAsync();
        return true;
    }

    public async Task Erase()
    {
        foreach (var lookupId in state.State.Lookups)
        {
            await GrainFactory.GetGrain<IReturnKeyLookupGrain>(lookupId).Forget(SeekerId);
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
            state.State = new KeyState();
        }

        DeactivateOnIdle();
    }

    [GenerateSerializer, Alias("StoriBoard.Continuity.ReturnKeyGrain.KeyState")]
    public sealed class KeyState
    {
        [Id(0)] public HashSet<string> Lookups { get; set; } = [];
    }
}
