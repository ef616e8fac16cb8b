using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace StoriBoard.Continuity;

/// <summary>
/// A person's passkeys, keyed by their seeker id: the random user handle their passkeys carry and the ids of the
/// credential records that hold them. A record is listed here before it is written, so a save cut short leaves nothing
/// that erasing the person would miss.
/// </summary>
public sealed class PasskeyGrain(
    [PersistentState("passkeys", Storage.Name)] IPersistentState<PasskeyGrain.PasskeyState> state,
    IOptions<PasskeyOptions> options,
    TimeProvider time) : Grain, IPasskeyGrain
{
    /// <summary>Long enough to be unguessable; the WebAuthn limit is 64 bytes.</summary>
    private const int HandleBytes = 32;

    private readonly FloodGuard _requests = new(options.Value.RequestsPerMinute, TimeSpan.FromMinutes(1), time);

    private string SeekerId => this.GetPrimaryKeyString();

    public async Task<byte[]> Handle()
    {
        if (!_requests.TryAdmit(SeekerId))
        {
            throw new HelplineException(
                ErrorCodes.RateLimited, "You have just asked for several passkeys. Please wait a minute before trying again.");
        }

        if (!await GrainFactory.GetGrain<IHelpSeekerGrain>(SeekerId).Exists())
        {
            throw HelplineException.NotFound("This session");
        }

        if (state.State.Credentials.Count >= options.Value.MaxPerPerson)
        {
            throw HelplineException.Conflict(
                $"You already keep {options.Value.MaxPerPerson} passkeys, the most there can be. A return key phrase still works alongside them.");
        }

        if (state.State.UserHandle is null)
        {
            state.State.UserHandle = RandomNumberGenerator.GetBytes(HandleBytes);
            await state.WriteStateAsync();
        }

        return state.State.UserHandle;
    }

    public async Task Add(string credentialId, KeptPasskey passkey)
    {
        if (passkey.SeekerId != SeekerId || state.State.UserHandle is not { } handle || !handle.AsSpan().SequenceEqual(passkey.UserHandle))
        {
            throw HelplineException.Forbidden("That passkey was made for someone else.");
        }

        if (state.State.Credentials.Count >= options.Value.MaxPerPerson && !state.State.Credentials.Contains(credentialId))
        {
            throw HelplineException.Conflict($"You already keep {options.Value.MaxPerPerson} passkeys, the most there can be.");
        }

        if (state.State.Credentials.Add(credentialId))
        {
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IPasskeyCredentialGrain>(credentialId).Keep(passkey);
    }

    public async Task<bool> Returned()
    {
        if (!state.RecordExists || !await GrainFactory.GetGrain<IHelpSeekerGrain>(SeekerId).Exists())
        {
            return false;
        }

        // Written again so that it expires a retention period from this visit, as the credential record does.
        await state.WriteStateAsync();
        return true;
    }

    public async Task Erase()
    {
        foreach (var credentialId in state.State.Credentials)
        {
            await GrainFactory.GetGrain<IPasskeyCredentialGrain>(credentialId).Forget();
        }

        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new PasskeyState();
        DeactivateOnIdle();
    }

    [GenerateSerializer, Alias("StoriBoard.Continuity.PasskeyGrain.PasskeyState")]
    public sealed class PasskeyState
    {
        [Id(0)] public byte[]? UserHandle { get; set; }
        [Id(1)] public HashSet<string> Credentials { get; set; } = [];
    }
}
