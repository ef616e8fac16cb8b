using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoriBoard.Continuity;

/// <summary>
/// The VAPID key pair: the configured one, or, with none configured, one generated at first start and kept in grain
/// storage. Kept, not made per process, because a browser's subscription is bound to the public key it was made with:
/// every silo must sign with the same pair, and a restart must not strand every subscription. One grain for the
/// cluster, so two silos starting at once cannot each generate their own. The state is encrypted at rest like every
/// grain state, and sits in the storage that does not expire, since an expired pair would strand every subscription
/// too. A deployment should still configure its own pair (StoriBoard__WebPush__PublicKey and PrivateKey).
/// </summary>
public sealed class PushKeysGrain(
    [PersistentState("push-keys", Storage.Staff)] IPersistentState<PushKeysGrain.KeysState> state,
    IOptions<WebPushOptions> options,
    ILogger<PushKeysGrain> logger) : Grain, IPushKeysGrain
{
    public async Task<string> PublicKey() => (await KeyPair()).PublicKey;

    public async Task<PushKeyPair> KeyPair()
    {
        var configured = options.Value;
        if (configured.KeysConfigured)
        {
            return new PushKeyPair(configured.PublicKey!.Trim(), configured.PrivateKey!.Trim());
        }

        if (state.State.Keys is null)
        {
            state.State.Keys = PushKeys.Generate();
            await state.WriteStateAsync();
            logger.DevelopmentKeysGenerated();
        }

        return state.State.Keys;
    }

    [GenerateSerializer, Alias("StoriBoard.Continuity.PushKeysGrain.KeysState")]
    public sealed class KeysState
    {
        [Id(0)] public PushKeyPair? Keys { get; set; }
    }
}
