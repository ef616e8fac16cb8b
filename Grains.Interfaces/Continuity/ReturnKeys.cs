namespace StoriBoard.Continuity;

/// <summary>
/// A help-seeker's return key, keyed by the seeker's id: which lookup records hold it, so that saving a new key can
/// retire the old one and erasing the person erases it too. The phrase itself is never kept.
/// </summary>
[Alias("StoriBoard.Continuity.IReturnKeyGrain")]
public interface IReturnKeyGrain : IGrainWithStringKey
{
    /// <summary>Makes a new phrase, keeps only its slow hash and replaces any key saved before. The phrase is returned once.</summary>
    [Alias("Save")]
    Task<string> Save();

    /// <summary>
    /// The key has just opened this person's record again: true while the person still exists. Rewrites the record, so
    /// it lasts a retention period from now.
    /// </summary>
    [Alias("Returned")]
    Task<bool> Returned();

    /// <summary>Forgets the key everywhere it is kept; part of erasing the person.</summary>
    [Alias("Erase")]
    Task Erase();
}

/// <summary>
/// A lookup record, keyed by a hash of a phrase's first words: the slow hashes of the keys that begin with those words,
/// and the wrong tries made against it. A record locks for a while after a few wrong tries.
/// </summary>
[Alias("StoriBoard.Continuity.IReturnKeyLookupGrain")]
public interface IReturnKeyLookupGrain : IGrainWithStringKey
{
    /// <summary>Keeps (or replaces) this person's key in the record.</summary>
    [Alias("Keep")]
    Task Keep(string seekerId, KeptReturnKey key);

    /// <summary>
    /// The seeker whose key is this normalised phrase. A wrong phrase is refused as unauthorized in the same words
    /// whether or not the record holds any key; a locked record is refused as rate_limited.
    /// </summary>
    [Alias("Find")]
    Task<string> Find(string phrase);

    [Alias("Forget")]
    Task Forget(string seekerId);
}

/// <summary>A return key as it is stored: a PBKDF2 hash with its salt and iteration count, never the phrase.</summary>
[GenerateSerializer, Alias("StoriBoard.Continuity.KeptReturnKey")]
public sealed record KeptReturnKey(
    [property: Id(0)] byte[] Salt,
    [property: Id(1)] byte[] Hash,
    [property: Id(2)] int Iterations);
