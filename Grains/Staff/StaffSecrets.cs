using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace StoriBoard.Staff;

/// <summary>
/// Invite and refresh secrets (random, high-entropy, so a fast hash is enough to keep them: nobody can guess one) and
/// passwords (chosen by people, so kept with Identity's slow, salted password hash).
/// </summary>
public static class StaffSecrets
{
    private static readonly PasswordHasher<StaffAccountGrain> Hasher = new();

    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static byte[] Keep(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[]? kept) =>
        kept is not null && CryptographicOperations.FixedTimeEquals(Keep(secret), kept);

    public static string HashPassword(string password) => Hasher.HashPassword(null!, password);

    public static bool PasswordMatches(string? kept, string password)
    {
        // With no password kept, a hash is still checked, so that a refusal takes as long either way.
        var result = Hasher.VerifyHashedPassword(null!, kept ?? Decoy, password);
        return kept is not null && result != PasswordVerificationResult.Failed;
    }

    private static readonly string Decoy = Hasher.HashPassword(null!, NewSecret());
}
