using System.Text.Json;

namespace StoriBoard.LoadTests.Simulation;

/// <summary>What one simulated seeker will say: to the AI first, then to the peer supporter.</summary>
/// <param name="RedFlagIndex">Which message to the AI is a red flag, or -1.</param>
public sealed record SeekerScript(IReadOnlyList<string> ToAi, int RedFlagIndex, IReadOnlyList<string> ToPeer);

/// <summary>The message set in data/messages.json: all thirteen themes, red flags, supporters' replies.</summary>
public sealed class MessageCatalog
{
    private readonly string[] _openers;
    private readonly IReadOnlyDictionary<string, string[]> _themes;
    private readonly string[] _redFlags;
    private readonly string[] _replies;
    private readonly string[] _closings;

    private MessageCatalog(Data data)
    {
        _openers = data.Openers;
        _themes = data.Themes;
        _redFlags = data.RedFlags;
        _replies = data.SupporterReplies;
        _closings = data.Closings;
    }

    public IReadOnlyCollection<string> Themes => _themes.Keys.ToArray();

    public static MessageCatalog Load(string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "data", "messages.json");
        using var stream = File.OpenRead(path);
        var data = JsonSerializer.Deserialize<Data>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidDataException($"{path} is empty.");
        return new MessageCatalog(data);
    }

    /// <summary>A seeker writes about one or two themes, sometimes after a greeting; some say something that is a red flag.</summary>
    public SeekerScript Draw(Random random, bool redFlag)
    {
        var themes = _themes.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray();
        string Theme() => Pick(random, _themes[themes[random.Next(themes.Length)]]);

        var toAi = new List<string>();
        if (random.NextDouble() < 0.5)
        {
            toAi.Add(Pick(random, _openers));
        }

        toAi.Add(Theme());
        var redFlagIndex = -1;
        if (redFlag)
        {
            redFlagIndex = toAi.Count;
            toAi.Add(Pick(random, _redFlags));
        }
        else if (random.NextDouble() < 0.5)
        {
            toAi.Add(Theme());
        }

        var toPeer = Enumerable.Range(0, random.Next(2, 5)).Select(_ => Theme()).Append(Pick(random, _closings)).ToArray();
        return new SeekerScript(toAi, redFlagIndex, toPeer);
    }

    public string Reply(Random random) => Pick(random, _replies);

    /// <summary>A low-risk line for the ceiling run, where only the message path is measured.</summary>
    public string Ordinary(Random random) => Pick(random, _themes[_themes.Keys.ElementAt(random.Next(_themes.Count))]);

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    private sealed record Data(
        string[] Openers,
        Dictionary<string, string[]> Themes,
        string[] RedFlags,
        string[] SupporterReplies,
        string[] Closings);
}
