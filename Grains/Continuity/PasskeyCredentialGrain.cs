namespace StoriBoard.Continuity;

/// <summary>One passkey, keyed by its credential id: its public key, sign count, user handle and whose it is.</summary>
public sealed class PasskeyCredentialGrain(
    [PersistentState("passkey", Storage.Name)] IPersistentState<PasskeyCredentialGrain.CredentialState> state)
    : Grain, IPasskeyCredentialGrain
{
    public Task<bool> IsFree() => Task.FromResult(state.State.Passkey is null);

    public async Task Keep(KeptPasskey passkey)
    {
        if (state.State.Passkey is { } kept && kept.SeekerId != passkey.SeekerId)
        {
            throw HelplineException.Conflict("That passkey is already in use.");
        }

        state.State.Passkey = passkey;
        await state.WriteStateAsync();
    }

    public Task<KeptPasskey?> Find() => Task.FromResult(state.State.Passkey);

    public async Task Used(uint signCount)
    {
        if (state.State.Passkey is { } kept)
        {
            state.State.Passkey = kept with { SignCount = signCount };

            // Rewritten, so the record lasts a retention period from this visit.
            await state.WriteStateAsync();
        }
    }

    public async Task Forget()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new CredentialState();
        DeactivateOnIdle();
    }

    [GenerateSerializer, Alias("StoriBoard.Continuity.PasskeyCredentialGrain.CredentialState")]
    public sealed class CredentialState
    {
        [Id(0)] public KeptPasskey? Passkey { get; set; }
    }
}
