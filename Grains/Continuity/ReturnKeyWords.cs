namespace StoriBoard.Continuity;

/// <summary>
/// The words return keys are made of (content/return-key-words.txt): plain, calm, everyday English, written by the team.
/// Words may be added to the list but never removed, or keys holding them would stop working.
/// </summary>
public sealed class ReturnKeyWords
{
    /// <summary>Fewer words than this would make a seven-word key too easy to guess.</summary>
    public const int Fewest = 1024;

    private static readonly Lazy<ReturnKeyWords> Shipped = new(() => Load(DefaultPath));

    private readonly string[] _words;
    private readonly HashSet<string> _known;

    private ReturnKeyWords(string[] words)
    {
        _words = words;
        _known = new HashSet<string>(words, StringComparer.Ordinal);
    }

    /// <summary>The list shipped beside the binaries.</summary>
    public static ReturnKeyWords Default => Shipped.Value;

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "content", "return-key-words.txt");

    public IReadOnlyList<string> All => _words;

    public int Count => _words.Length;

    /// <summary>The guessing a key of <see cref="ReturnKeyPhrase.Words"/> words drawn from this list takes, in bits.</summary>
    public double KeyBits => ReturnKeyPhrase.Words * Math.Log2(Count);

    public bool Contains(string word) => _known.Contains(word);

    /// <summary>One word, each equally likely, from the operating system's cryptographic generator.</summary>
    public string Draw() => _words[System.Security.Cryptography.RandomNumberGenerator.GetInt32(_words.Length)];

    /// <summary>Reads one word a line; lines starting with '#' and blank lines are skipped. A list unfit for keys stops the start.</summary>
    public static ReturnKeyWords Load(string path)
    {
        var words = File.ReadLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToArray();
        if (words.FirstOrDefault(w => !w.All(char.IsAsciiLetterLower)) is { } odd)
        {
            throw new InvalidDataException($"{path}: \"{odd}\" is not a word of lowercase letters a to z.");
        }

        if (words.Length != words.Distinct(StringComparer.Ordinal).Count())
        {
            throw new InvalidDataException($"{path}: a word appears twice, which would make keys easier to guess than they look.");
        }

        return words.Length >= Fewest
            ? new ReturnKeyWords(words)
            : throw new InvalidDataException($"{path} has {words.Length} words; return keys need at least {Fewest}.");
    }
}
