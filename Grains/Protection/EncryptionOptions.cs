using System.Text.RegularExpressions;

namespace StoriBoard.Protection;

/// <summary>
/// Keys that encrypt what people typed before it is stored, bound from the "StoriBoard:Encryption" section:
/// <c>StoriBoard__Encryption__Keys__&lt;id&gt;</c> (base64 of 32 bytes) and <c>StoriBoard__Encryption__CurrentKeyId</c>.
/// New values are written under the current key; older ones name their key, so a key stays configured for as long as
/// data written under it may still be read: a retention period after it stopped being current for people's and
/// conversations' data, and until every supporter's state has been rewritten for staff accounts, which do not expire.
/// </summary>
public sealed partial class EncryptionOptions
{
    public const string Section = "StoriBoard:Encryption";

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string? CurrentKeyId { get; set; }

    public bool Configured => Keys.Count > 0 || !string.IsNullOrWhiteSpace(CurrentKeyId);

    /// <summary>
    /// The one line that says what is wrong, or null. <paramref name="required"/>: data goes to Redis, so running
    /// without a key would store people's words in the clear.
    /// </summary>
    public string? Problem(bool required)
    {
        if (!Configured)
        {
            return required
                ? "StoriBoard:Encryption is required with Redis: set StoriBoard__Encryption__Keys__<id> (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) and StoriBoard__Encryption__CurrentKeyId=<id>."
                : null;
        }

        foreach (var (id, value) in Keys)
        {
            if (!KeyId().IsMatch(id))
            {
                return $"StoriBoard:Encryption:Keys:{id}: a key id is 1 to 32 letters, digits, '-' or '_'.";
            }

            if (Decode(value) is not { Length: 32 })
            {
                return $"StoriBoard:Encryption:Keys:{id} must be base64 of exactly 32 bytes.";
            }
        }

        if (string.IsNullOrWhiteSpace(CurrentKeyId))
        {
            return "StoriBoard:Encryption:CurrentKeyId must name one of StoriBoard:Encryption:Keys.";
        }

        // Configuration keys are case-insensitive, whichever dictionary the binder fills.
        return Keys.Keys.Any(id => string.Equals(id, CurrentKeyId, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"StoriBoard:Encryption:CurrentKeyId '{CurrentKeyId}' is not among StoriBoard:Encryption:Keys.";
    }

    internal static byte[]? Decode(string? base64)
    {
        try
        {
            return string.IsNullOrWhiteSpace(base64) ? null : Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyId();
}
