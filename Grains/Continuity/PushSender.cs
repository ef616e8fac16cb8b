using System.Net;
using System.Net.Sockets;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using WebPushSubscription = Lib.Net.Http.WebPush.PushSubscription;

namespace StoriBoard.Continuity;

/// <summary>What a push service made of one notice.</summary>
public enum PushOutcome
{
    Delivered,

    /// <summary>404 or 410: the subscription is no more (the person unsubscribed, or the browser dropped it).</summary>
    Gone,

    /// <summary>Another 4xx: trying the same request again would not help.</summary>
    Refused,

    /// <summary>No answer, a 5xx or 429: worth another try later.</summary>
    Failed,
}

public readonly record struct PushResult(PushOutcome Outcome, int? StatusCode = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Sends the neutral notice through a browser's push service: signed with the helpline's VAPID key (RFC 8292) and
/// encrypted to the browser's keys (RFC 8291, aes128gcm), by Lib.Net.Http.WebPush. One per silo.
/// </summary>
public sealed class PushSender : IDisposable
{
    /// <summary>
    /// All a notice carries: a lock screen may be seen by anyone, so it never says what the service is, and nothing of
    /// a conversation or a person leaves the helpline through a push service.
    /// </summary>
    public const string Notice = """{"title":"New message","body":"You have a new message"}""";

    // Push services replace an undelivered notice with a newer one of the same topic: one notice waits per device.
    private const string Topic = "message";

    private readonly IGrainFactory _grains;
    private readonly WebPushOptions _options;
    private readonly HttpClient _http;
    private readonly PushServiceClient _client;
    private PushKeyPair? _keys;

    public PushSender(IGrainFactory grains, IOptions<WebPushOptions> options)
    {
        _grains = grains;
        _options = options.Value;
        _http = new HttpClient(Connections(_options.AllowLoopbackEndpoints)) { Timeout = _options.SendTimeout };

        // The grain retries, a bounded number of times; the library's own retry on 429 has no bound of time.
        _client = new PushServiceClient(_http) { AutoRetryAfter = false, DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid };
    }

    public async Task<PushResult> Send(PushSubscription subscription)
    {
        // Every silo signs with the same pair, fetched once: the pair only changes with the settings, and so with a restart.
        var keys = _keys ??= await _grains.GetGrain<IPushKeysGrain>(0).KeyPair();
        using var vapid = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = _options.EffectiveSubject };
        var target = new WebPushSubscription { Endpoint = subscription.Endpoint };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var message = new PushMessage(Notice)
        {
            Topic = Topic,
            Urgency = PushMessageUrgency.Normal,
            TimeToLive = (int)_options.TimeToLive.TotalSeconds,
        };

        try
        {
            await _client.RequestPushMessageDeliveryAsync(target, message, vapid, VapidAuthenticationScheme.Vapid);
            return new PushResult(PushOutcome.Delivered);
        }
        catch (PushServiceClientException refusal)
        {
            var status = (int)refusal.StatusCode;
            var outcome = refusal.StatusCode switch
            {
                HttpStatusCode.NotFound or HttpStatusCode.Gone => PushOutcome.Gone,
                HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => PushOutcome.Failed,
                _ when status >= 500 => PushOutcome.Failed,
                _ => PushOutcome.Refused,
            };
            return new PushResult(outcome, status, refusal.Headers?.RetryAfter?.Delta);
        }
        catch (Exception failure) when (failure is HttpRequestException or OperationCanceledException or IOException)
        {
            return new PushResult(PushOutcome.Failed);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Connects only to addresses a push service may have (see <see cref="PushEndpoints"/>): a name that resolves into
    /// the helpline's own network is refused here, after the lookup, where the gateway's check of the URL cannot see.
    /// Connects directly, without a proxy, so the check applies to the push service itself.
    /// </summary>
    private static SocketsHttpHandler Connections(bool allowLoopback) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, cancellation) =>
        {
            var addresses = (await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellation))
                .Where(address => PushEndpoints.MayConnect(address, allowLoopback))
                .ToArray();
            if (addresses.Length == 0)
            {
                throw new HttpRequestException("The push endpoint's host has no address on the internet.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
