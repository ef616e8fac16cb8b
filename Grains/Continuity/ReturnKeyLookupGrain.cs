using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace StoriBoard.Continuity;

/// <summary>
/// One lookup record: the slow hashes of the keys whose first words hash to this grain's id, and the wrong tries
/// against it. A wrong phrase gets the same answer, after the same slow hash, whether the record holds keys or not; a
/// record that holds none keeps its count of wrong tries in memory only, so guessing never writes to storage.
/// </summary>
public sealed class ReturnKeyLookupGrain(
    [PersistentState("lookup", Storage.Name)] IPersistentState<ReturnKeyLookupGrain.LookupState> state,
    IOptions<ReturnKeyOptions> options,
    TimeProvider time) : Grain, IReturnKeyLookupGrain
{

    public async Task Keep(string seekerId, KeptReturnKey key)
    {
        state.State.Keys[seekerId] = key;
        await state.WriteStateAsync();
    }

    public async Task<string> Find(string phrase)
    {
        var now = time.GetUtcNow();
        if (state.State.LockedUntil is { } until && until > now)
        {
            throw Locked(until - now);
        }

        var match = Match(phrase);
        if (match is not null)
        {
            if (await GrainFactory.GetGrain<IReturnKeyGrain>(match).Returned())
            {
                state.State.WrongTries = 0;
                state.State.LockedUntil = null;

                // Rewritten, so the record lasts a retention period from this visit.
                await state.WriteStateAsync();
                return match;
            }

            // The person has gone (erased, or expired) and left their key here: it opens nothing now.
            state.State.Keys.Remove(match);
        }

        await CountWrongTry(now);
        throw new HelplineException(
            ErrorCodes.Unauthorized,
            "That return key did not open anything. Check the words and try again; if the key is lost, you can start afresh.");
    }

    public async Task Forget(string seekerId)
    {
        if (state.State.Keys.Remove(seekerId))
        {
            await Save();
        }
    }

    private string? Match(string phrase)
    {
        if (state.State.Keys.Count == 0)
        {
            // A random hash that nothing matches, worked out all the same, so that a wrong try costs the same either way.
            var decoy = new KeptReturnKey(
                RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(32), options.Value.HashIterations);
            ReturnKeyPhrase.Matches(phrase, decoy);
            return null;
        }

        string? match = null;
        foreach (var (seekerId, kept) in state.State.Keys)
        {
            // Every key is checked, so how long an answer takes says nothing about which one matched.
            if (ReturnKeyPhrase.Matches(phrase, kept))
            {
                match = seekerId;
            }
        }

        return match;
    }

    private async Task CountWrongTry(DateTimeOffset now)
    {
        state.State.WrongTries++;
        if (state.State.WrongTries >= options.Value.TriesBeforeLock)
        {
            state.State.WrongTries = 0;
            state.State.LockedUntil = now + options.Value.LockFor;
        }

        await Save();
    }

    /// <summary>Stored while the record holds a key; once it holds none, its stored state goes and the rest lives in memory.</summary>
    private async Task Save()
    {
        if (state.State.Keys.Count > 0)
        {
            await state.WriteStateAsync();
        }
        else if (state.RecordExists)
        {
            var tries = (state.State.WrongTries, state.State.LockedUntil);
            await state.ClearStateAsync();
            state.State = new LookupState { WrongTries = tries.WrongTries, LockedUntil = tries.LockedUntil };
        }
    }

    private static HelplineException Locked(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return new HelplineException(
            ErrorCodes.RateLimited,
            $"Too many wrong tries with a key like this one. Please wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.");
    }

    [GenerateSerializer, Alias("StoriBoard.Continuity.ReturnKeyLookupGrain.LookupState")]
    public sealed class LookupState
    {
        [Id(0)] public Dictionary<string, KeptReturnKey> Keys { get; set; } = [];
        [Id(1)] public int WrongTries { get; set; }
        [Id(2)] public DateTimeOffset? LockedUntil { get; set; }
    }
}
