using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// Plays a browser's push service on loopback (no traffic leaves the machine): takes pushes at /push/{device}, keeps
/// what arrived, and answers each device as the test says. <see cref="Check"/> then does what a push service and the
/// browser do with a push: checks the VAPID signature (RFC 8292) and decrypts the aes128gcm content (RFC 8291, 8188).
/// </summary>
public sealed class LocalPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, HttpStatusCode> _answers = new();

    private LocalPushService(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<ReceivedPush> Received { get; } = new();

    public static async Task<LocalPushService> Start()
    {
        var port = Ports.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var service = new LocalPushService(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/push/{device}", async (string device, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            service.Received.Enqueue(new ReceivedPush(
                device, request.Headers.Authorization.ToString(), request.Headers.ContentEncoding.ToString(),
                request.Headers["TTL"].ToString(), request.Headers["Topic"].ToString(), body.ToArray()));
            return Results.StatusCode((int)service._answers.GetValueOrDefault(device, HttpStatusCode.Created));
        });
        await app.StartAsync();
        return service;
    }

    /// <summary>A browser's subscription to this service: its own key pair and auth secret, as a browser makes them.</summary>
    public PushDevice NewDevice(HttpStatusCode answer = HttpStatusCode.Created)
    {
        var id = Guid.NewGuid().ToString("N");
        _answers[id] = answer;
        return new PushDevice(id, new Uri(Url, $"/push/{id}").ToString(), ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), RandomNumberGenerator.GetBytes(16));
    }

    public ReceivedPush[] For(PushDevice device) => Received.Where(p => p.Device == device.Id).ToArray();

    /// <summary>
    /// Checks the push as a push service would (the VAPID token's ES256 signature by the key it names, which must be
    /// <paramref name="publicKey"/>; its audience, expiry and subject), then decrypts it as the device would.
    /// </summary>
    public string Check(ReceivedPush push, PushDevice device, string publicKey, string subject)
    {
        var vapid = push.Authorization;
        Assert.StartsWith("vapid ", vapid);
        var parameters = vapid["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(publicKey, parameters["k"]);

        var token = parameters["t"].Split('.');
        Assert.Equal(3, token.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(token[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        var signer = Base64Url.DecodeFromChars(parameters["k"]);
        using (var verifier = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = Point(signer) }))
        {
            Assert.True(
                verifier.VerifyData(Encoding.ASCII.GetBytes($"{token[0]}.{token[1]}"), Base64Url.DecodeFromChars(token[2]), HashAlgorithmName.SHA256),
                "the VAPID token is signed by the key it names");
        }

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token[1]));
        // The push service's origin. The library leaves out a port that is not the default one, as this service's is;
        // real push services answer on 443, where the origin has no port either.
        Assert.Equal($"{Url.Scheme}://{Url.Host}", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(subject, claims.RootElement.GetProperty("sub").GetString());
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        Assert.InRange(expires, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(24));

        Assert.Equal("aes128gcm", push.ContentEncoding);
        return Decrypt(push.Body, device);
    }

    /// <summary>RFC 8291's decryption, as the device does it, on RFC 8188's aes128gcm content coding.</summary>
    private static string Decrypt(byte[] body, PushDevice device)
    {
        // The header: salt (16), record size (4), key id length (1), key id: the sender's one-time public key.
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        Assert.Equal(65, idLength);
        var senderKey = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        Assert.True(record.Length <= recordSize, "one record");

        using var sender = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = Point(senderKey) });
        var shared = device.Key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. device.PublicKey, .. senderKey];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, device.Auth, keyInfo);
        var contentKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());

        var padded = new byte[record.Length - 16];
        using (var aes = new AesGcm(contentKey, 16))
        {
            aes.Decrypt(nonce, record[..^16], record[^16..], padded);
        }

        // The last record ends with the delimiter 2, then any zero padding.
        var end = Array.FindLastIndex(padded, b => b != 0);
        Assert.Equal(2, padded[end]);
        return Encoding.UTF8.GetString(padded, 0, end);
    }

    private static ECPoint Point(byte[] uncompressed) => new() { X = uncompressed[1..33], Y = uncompressed[33..] };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record ReceivedPush(string Device, string Authorization, string ContentEncoding, string Ttl, string Topic, byte[] Body);

public sealed record PushDevice(string Id, string Endpoint, ECDiffieHellman Key, byte[] Auth)
{
    public byte[] PublicKey
    {
        get
        {
            var q = Key.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    /// <summary>The subscription as a browser's PushSubscription.toJSON() gives it.</summary>
    public object Json => new { endpoint = Endpoint, expirationTime = (long?)null, keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(Auth) } };
}
