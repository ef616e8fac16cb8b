using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StoriBoard.Tests.Continuity;

/// <summary>
/// A passkey authenticator in software, standing in for a phone's: it answers the gateway's WebAuthn options as a
/// browser would (a P-256 key, "none" attestation, a discoverable credential carrying the user handle it was given).
/// The device is outside the system, so this is the one part of these tests that is not the real thing.
/// </summary>
public sealed class SoftwarePasskey(string origin) : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    public byte[]? UserHandle { get; private set; }

    public uint SignCount { get; private set; }

    /// <summary>Makes the credential for the options of POST /api/me/passkey/options; returns the body of POST /api/me/passkey.</summary>
    public JsonObject Create(JsonElement options, string? fromOrigin = null)
    {
        UserHandle = Base64Url.DecodeFromChars(options.GetProperty("user").GetProperty("id").GetString());
        var rpId = options.GetProperty("rp").GetProperty("id").GetString()!;
        var clientData = ClientData("webauthn.create", options.GetProperty("challenge").GetString()!, fromOrigin ?? origin);
        var authData = AuthenticatorData(rpId, flags: 0x45, attested: AttestedCredential());

        var attestation = new CborWriter();
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString(authData);
        attestation.WriteEndMap();

        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestation.Encode()),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>Signs the challenge of POST /api/sessions/passkey/options; returns the body of POST /api/sessions/passkey.</summary>
    public JsonObject Get(JsonElement options, string? fromOrigin = null)
    {
        SignCount++;
        var clientData = ClientData("webauthn.get", options.GetProperty("challenge").GetString()!, fromOrigin ?? origin);
        // Options made for registering name the site as rp.id; signing over them is how a test forges a mixed-up answer.
        var rpId = options.TryGetProperty("rpId", out var id) ? id.GetString()! : options.GetProperty("rp").GetProperty("id").GetString()!;
        var authData = AuthenticatorData(rpId, flags: 0x05, attested: []);
        var signature = _key.SignData(
            [.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = Base64Url.EncodeToString(UserHandle ?? []),
        });
    }

    public void Dispose() => _key.Dispose();

    private JsonObject Credential(JsonObject response) => new()
    {
        ["id"] = Base64Url.EncodeToString(CredentialId),
        ["rawId"] = Base64Url.EncodeToString(CredentialId),
        ["type"] = "public-key",
        ["response"] = response,
        ["clientExtensionResults"] = new JsonObject(),
    };

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type, challenge, origin, crossOrigin = false }));

    private byte[] AuthenticatorData(string rpId, byte flags, byte[] attested)
    {
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, SignCount);
        return [.. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), flags, .. counter, .. attested];
    }

    /// <summary>An all-zero AAGUID, the credential id, and the public key as COSE (EC2, ES256, P-256).</summary>
    private byte[] AttestedCredential()
    {
        var point = _key.ExportParameters(false).Q;
        var cose = new CborWriter();
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2);
        cose.WriteInt32(3);
        cose.WriteInt32(-7);
        cose.WriteInt32(-1);
        cose.WriteInt32(1);
        cose.WriteInt32(-2);
        cose.WriteByteString(point.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(point.Y!);
        cose.WriteEndMap();
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
        return [.. new byte[16], .. length, .. CredentialId, .. cose.Encode()];
    }
}
