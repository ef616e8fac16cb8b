using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;

namespace StoriBoard.Continuity;

/// <summary>
/// What a return key is: <see cref="Words"/> words from <see cref="ReturnKeyWords"/>, written lowercase with single
/// spaces. The first <see cref="LookupWords"/> words name the lookup record (a plain hash, so a record can be found
/// without keeping the phrase); the whole phrase is checked against a slow, salted PBKDF2 hash.
/// </summary>
public static class ReturnKeyPhrase
{
    public const int Words = 7;

    public const int LookupWords = 2;

    /// <summary>Longest input read; seven of the longest words with generous spacing fit well within it.</summary>
    public const int MaxInputLength = 200;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string[] Draw(ReturnKeyWords words) => Enumerable.Range(0, Words).Select(_ => words.Draw()).ToArray();

    /// <summary>
    /// The words of what a person typed: case, spaces, hyphens, dots and commas between words do not matter, so a key
    /// written down as "Otter-Maple  lantern…" is read the same as "otter maple lantern".
    /// </summary>
    public static string[] Split(string typed) =>
        typed.ToLowerInvariant().Split(IsBetweenWords, StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> words) => string.Join(' ', words);

    /// <summary>The lookup record of a phrase's words. Only the first words count, so a record holds every key that begins with them.</summary>
    public static string LookupId(IReadOnlyList<string> words)
    {
        var opening = "storiboard return key\n" + string.Join(' ', words.Take(LookupWords));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(opening)))[..32];
    }

    public static KeptReturnKey Keep(string phrase, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new KeptReturnKey(salt, Derive(phrase, salt, iterations), iterations);
    }

    public static bool Matches(string phrase, KeptReturnKey kept) =>
        CryptographicOperations.FixedTimeEquals(Derive(phrase, kept.Salt, kept.Iterations), kept.Hash);

    private static byte[] Derive(string phrase, byte[] salt, int iterations) =>
        KeyDerivation.Pbkdf2(phrase, salt, KeyDerivationPrf.HMACSHA256, iterations, HashBytes);

    private static readonly char[] IsBetweenWords =
        [' ', '\t', '\r', '\n', '\u00A0', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '_', '.', ','];
}
