namespace StoriBoard.Continuity;

/// <summary>How return keys are hashed and guarded, bound from the "StoriBoard:ReturnKeys" configuration section.</summary>
public sealed class ReturnKeyOptions : ISettings
{
    public const string Section = "StoriBoard:ReturnKeys";

    /// <summary>PBKDF2-HMAC-SHA256 iterations for a newly saved key; a key keeps the count it was saved with.</summary>
    public int HashIterations { get; set; } = 210_000;

    /// <summary>Wrong tries in a row against one lookup record before it locks.</summary>
    public int TriesBeforeLock { get; set; } = 5;

    /// <summary>How long a locked record refuses every try, right or wrong.</summary>
    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Keys one person may make a minute; each costs a slow hash.</summary>
    public int SavesPerMinute { get; set; } = 5;

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (SavesPerMinute < 1)
        {
            yield return $"{Name(nameof(SavesPerMinute))} must be 1 or more.";
        }

        if (HashIterations < 10_000)
        {
            yield return $"{Name(nameof(HashIterations))} must be at least 10000, or a stolen hash is cheap to try words against.";
        }

        if (TriesBeforeLock < 1 || LockFor <= TimeSpan.Zero)
        {
            yield return $"{Name(nameof(TriesBeforeLock))} must be 1 or more and {Name(nameof(LockFor))} longer than zero.";
        }
    }
}
