namespace StoriBoard.Continuity;

/// <summary>
/// A help-seeker's passkeys, keyed by the seeker's id: the random user handle their passkeys carry (never the seeker id)
/// and which credential records hold them, so that erasing the person erases every one.
/// </summary>
[Alias("StoriBoard.Continuity.IPasskeyGrain")]
public interface IPasskeyGrain : IGrainWithStringKey
{
    /// <summary>
    /// The user handle a new passkey of this person is made with, drawn at random the first time. Refused as not_found
    /// once the person is gone, and as rate_limited when asked for too often.
    /// </summary>
    [Alias("Handle")]
    Task<byte[]> Handle();

    /// <summary>Keeps a newly made passkey; listed here before its record is written, so erasing the person never misses it.</summary>
    [Alias("Add")]
    Task Add(string credentialId, KeptPasskey passkey);

    /// <summary>A passkey has just opened this person's record: true while the person still exists. Rewritten, so it lasts a retention period from now.</summary>
    [Alias("Returned")]
    Task<bool> Returned();

    /// <summary>Forgets every passkey of the person; part of erasing them.</summary>
    [Alias("Erase")]
    Task Erase();
}

/// <summary>One passkey, keyed by its credential id (base64url): what checking a signature needs, and whose it is.</summary>
[Alias("StoriBoard.Continuity.IPasskeyCredentialGrain")]
public interface IPasskeyCredentialGrain : IGrainWithStringKey
{
    /// <summary>True when no one holds a passkey with this id, so a new one may take it.</summary>
    [Alias("IsFree")]
    Task<bool> IsFree();

    /// <summary>Keeps the passkey; refused as conflict when the id is someone else's.</summary>
    [Alias("Keep")]
    Task Keep(KeptPasskey passkey);

    /// <summary>The passkey kept under this id, or null.</summary>
    [Alias("Find")]
    Task<KeptPasskey?> Find();

    /// <summary>A signature made with it was accepted: the authenticator's new sign count, written so the record lasts a retention period from now.</summary>
    [Alias("Used")]
    Task Used(uint signCount);

    [Alias("Forget")]
    Task Forget();
}

/// <summary>
/// One passkey ceremony under way, keyed by its challenge (base64url): held in memory only, for a short while, and
/// given out once, so an answer signed over it cannot be replayed.
/// </summary>
[Alias("StoriBoard.Continuity.IPasskeyChallengeGrain")]
public interface IPasskeyChallengeGrain : IGrainWithStringKey
{
    [Alias("Issue")]
    Task Issue(PasskeyCeremony ceremony, TimeSpan lifetime);

    /// <summary>The ceremony, the first time it is asked for within its lifetime; null after that, or if it never was.</summary>
    [Alias("Take")]
    Task<PasskeyCeremony?> Take();
}

/// <summary>
/// A passkey as it is stored: the credential's public key (COSE) and sign count, the random user handle it carries, and
/// the person that handle stands for. Nothing else about the device or the person.
/// </summary>
[GenerateSerializer, Alias("StoriBoard.Continuity.KeptPasskey")]
public sealed record KeptPasskey(
    [property: Id(0)] string SeekerId,
    [property: Id(1)] byte[] UserHandle,
    [property: Id(2)] byte[] PublicKey,
    [property: Id(3)] uint SignCount);

/// <summary>The options a browser was sent (JSON, as the relying party library writes them) and, when making a passkey, for whom.</summary>
[GenerateSerializer, Alias("StoriBoard.Continuity.PasskeyCeremony")]
public sealed record PasskeyCeremony(
    [property: Id(0)] PasskeyCeremonyKind Kind,
    [property: Id(1)] string? SeekerId,
    [property: Id(2)] string OptionsJson);

[GenerateSerializer, Alias("StoriBoard.Continuity.PasskeyCeremonyKind")]
public enum PasskeyCeremonyKind
{
    Register,
    ComeBack,
}
