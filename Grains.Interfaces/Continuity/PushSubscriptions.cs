using Orleans.Concurrency;

namespace StoriBoard;

/// <summary>
/// Where a browser takes Web Push messages for one person: the push service's address for it, and the browser's keys
/// (base64url) that the message is encrypted to. The endpoint works like a password; it is never logged.
/// </summary>
[GenerateSerializer, Alias("StoriBoard.PushSubscription")]
public sealed record PushSubscription(
    [property: Id(0)] string Endpoint,
    [property: Id(1)] string P256dh,
    [property: Id(2)] string Auth);

/// <summary>
/// A help-seeker's Web Push subscription, keyed by the seeker's id. A check-in calls <see cref="Notify"/>; the person
/// gets a notification that never says what the service is.
/// </summary>
[Alias("StoriBoard.IPushSubscriptionGrain")]
public interface IPushSubscriptionGrain : IGrainWithStringKey
{
    /// <summary>Keeps the subscription (one device: a later one replaces it).</summary>
    [Alias("Subscribe")]
    Task Subscribe(PushSubscription subscription);

    /// <summary>Forgets the subscription; nothing more is sent.</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe();

    [Alias("Subscribed")]
    Task<bool> Subscribed();

    /// <summary>
    /// Sends the neutral notice, if the person subscribed. Never fails into the caller: a subscription the push service
    /// no longer knows is dropped, and other failures are logged and tried again a few times.
    /// </summary>
    [OneWay, Alias("Notify")]
    Task Notify();
}

/// <summary>The key pair the helpline signs its pushes with (VAPID): from settings, or generated once for the cluster.</summary>
[Alias("StoriBoard.IPushKeysGrain")]
public interface IPushKeysGrain : IGrainWithIntegerKey
{
    /// <summary>The public key (base64url of the uncompressed P-256 point) browsers subscribe with.</summary>
    [Alias("PublicKey")]
    Task<string> PublicKey();

    [Alias("KeyPair")]
    Task<PushKeyPair> KeyPair();
}

/// <summary>A VAPID key pair, base64url: the uncompressed P-256 point and the private scalar.</summary>
[GenerateSerializer, Alias("StoriBoard.PushKeyPair")]
public sealed record PushKeyPair([property: Id(0)] string PublicKey, [property: Id(1)] string PrivateKey);
