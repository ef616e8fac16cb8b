using System.Buffers.Text;
using System.Security.Cryptography;

namespace StoriBoard.Continuity;

/// <summary>P-256 keys as Web Push writes them: base64url, the public key as an uncompressed point (0x04 ‖ X ‖ Y).</summary>
public static class PushKeys
{
    public const int PublicKeyLength = 65;
    public const int PrivateKeyLength = 32;
    public const int AuthSecretLength = 16;

    public static PushKeyPair Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new PushKeyPair(Base64Url.EncodeToString(Point(parameters.Q)), Base64Url.EncodeToString(parameters.D));
    }

    /// <summary>Base64url that decodes to exactly <paramref name="length"/> bytes, or null.</summary>
    public static byte[]? Decode(string? base64Url, int length)
    {
        // Checked before decoding, so an oversized value costs nothing.
        if (string.IsNullOrEmpty(base64Url) || base64Url.Length > (length + 2) / 3 * 4)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(base64Url.TrimEnd('='));
            return bytes.Length == length ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True for a point that is really on P-256: the key a browser encrypts to.</summary>
    public static bool IsPublicKey(string? base64Url)
    {
        if (Decode(base64Url, PublicKeyLength) is not { } point || point[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = Point(point) });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>What is wrong with a configured pair, or null: both present, well formed, and belonging together.</summary>
    public static string? Problem(string? publicKey, string? privateKey)
    {
        if (!IsPublicKey(publicKey))
        {
            return "the public key must be base64url of an uncompressed P-256 point (65 bytes).";
        }

        if (Decode(privateKey, PrivateKeyLength) is not { } scalar)
        {
            return "the private key must be base64url of 32 bytes.";
        }

        try
        {
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
            return Point(key.ExportParameters(includePrivateParameters: false).Q).AsSpan().SequenceEqual(Decode(publicKey, PublicKeyLength))
                ? null
                : "the public key is not the private key's.";
        }
        catch (CryptographicException)
        {
            return "the private key is not a P-256 key.";
        }
    }

    private static byte[] Point(ECPoint q) => [0x04, .. q.X!, .. q.Y!];

    private static ECPoint Point(byte[] uncompressed) => new() { X = uncompressed[1..33], Y = uncompressed[33..] };
}
