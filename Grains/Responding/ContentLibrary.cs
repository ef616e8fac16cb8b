using System.Text.Json;

namespace StoriBoard.Responding;

/// <summary>
/// The reviewed words the AI may say, loaded from content/ and checked as a whole before anything is served:
/// a gap or a broken link found at 2 AM is worse than a service that refuses to start.
/// </summary>
public sealed class ContentLibrary
{
    public const int MinAcknowledgements = 3;
    public const int MinOpenings = 4;
    public const int MinCoping = 3;
    public const int MinResources = 2;
    public const int MinExercises = 5;
    public const int MinWaitingExercises = 2;
    /// <summary>The content id that marks the welcome as given, so it opens a conversation only once.</summary>
    public const string WelcomeId = "welcome";
    public static readonly IReadOnlyList<string> RequiredRegions = ["GB", "IE", "US", "CA", "AU"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, ThemeContent> themes;
    private readonly Dictionary<string, SituationContent> situations;
    private readonly Dictionary<string, CrisisRegion> regions;
    private readonly Dictionary<string, LibraryItem> items;
    private readonly CrisisRegion fallback;

    private ContentLibrary(
        IEnumerable<ThemeContent> themes, IEnumerable<SituationContent> situations, ExerciseCatalogue exercises, CrisisDirectory crisis, Phrases phrases)
    {
        this.themes = themes.ToDictionary(t => t.Theme, StringComparer.Ordinal);
        this.situations = situations.ToDictionary(s => s.Situation, StringComparer.Ordinal);
        Exercises = exercises.Exercises;
        Phrases = phrases;
        regions = new(StringComparer.OrdinalIgnoreCase);
        foreach (var region in crisis.Regions)
        {
            foreach (var code in region.Aliases.Prepend(region.Region))
            {
                regions[code] = region;
            }
        }

        fallback = regions[crisis.Fallback];
        items = Index(this.themes.Values, Exercises, crisis.Regions).Concat(Index(this.situations.Values))
            .ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "content");

    public IReadOnlyList<Exercise> Exercises { get; }

    public Phrases Phrases { get; }

    public ThemeContent Theme(string id) => themes[id];

    public bool Covers(string themeId) => themes.ContainsKey(themeId);

    /// <summary>
    /// Situations are read by English cues, so a library has either all of them (English) or none (a language whose
    /// cues are not written yet): its replies then come from the themes alone.
    /// </summary>
    public bool HasSituations => situations.Count > 0;

    public SituationContent Situation(string id) => situations[id];

    /// <summary>The crisis lines for a region code (case-insensitive, aliases such as UK included), else the international fallback.</summary>
    public CrisisRegion CrisisLinesFor(string? region) =>
        region is not null && regions.TryGetValue(region.Trim(), out var found) ? found : fallback;

    /// <summary>What a content id handed out earlier refers to; null for ids that name no item (the welcome).</summary>
    public LibraryItem? Item(string id) => items.GetValueOrDefault(id);

    public static string CrisisContentId(CrisisRegion region) => $"crisis.{region.Region}";

    /// <summary>Loads and validates the library; throws <see cref="ContentLibraryException"/> listing every problem found.</summary>
    public static ContentLibrary Load(string directory)
    {
        var problems = new List<string>();
        var themeFiles = Directory.Exists(Path.Combine(directory, "themes"))
            ? Directory.GetFiles(Path.Combine(directory, "themes"), "*.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        var themes = themeFiles
            .Select(file => Read<ThemeContent>(directory, file, problems))
            .OfType<ThemeContent>()
            .ToList();
        var situations = Files(directory, "situations")
            .Select(file => Read<SituationContent>(directory, file, problems))
            .OfType<SituationContent>()
            .ToList();
        var exercises = Read<ExerciseCatalogue>(directory, Path.Combine(directory, "exercises.json"), problems);
        var crisis = Read<CrisisDirectory>(directory, Path.Combine(directory, "crisis-lines.json"), problems);
        var phrases = Read<Phrases>(directory, Path.Combine(directory, "phrases.json"), problems);

        problems.AddRange(ContentValidator.Check(themes, exercises, crisis, phrases));
        if (Directory.Exists(Path.Combine(directory, "situations")))
        {
            problems.AddRange(ContentValidator.CheckSituations(situations, themes, exercises?.Exercises ?? []));
        }
        if (problems.Count > 0 || exercises is null || crisis is null || phrases is null)
        {
            throw new ContentLibraryException(directory, problems);
        }

        return new ContentLibrary(themes, situations, exercises, crisis, phrases);
    }

    private static string[] Files(string directory, string folder) =>
        Directory.Exists(Path.Combine(directory, folder))
            ? Directory.GetFiles(Path.Combine(directory, folder), "*.json").Order(StringComparer.Ordinal).ToArray()
            : [];

    private static T? Read<T>(string directory, string file, List<string> problems)
        where T : class
    {
        var name = Path.GetRelativePath(directory, file);
        if (!File.Exists(file))
        {
            problems.Add($"{name}: file is missing");
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(File.ReadAllText(file), Json);
            if (value is null)
            {
                problems.Add($"{name}: file holds no content");
            }

            return value;
        }
        catch (JsonException ex)
        {
            problems.Add($"{name}: {ex.Message}");
            return null;
        }
    }

    /// <summary>A situation's items count as its first theme's, so a theme that keeps coming back is still noticed.</summary>
    private static IEnumerable<LibraryItem> Index(IEnumerable<SituationContent> situations) =>
        situations.SelectMany(s => s.Coping.Select(c => new LibraryItem(c.Id, MessagePartKind.Coping, c.Title, s.Themes.FirstOrDefault()))
            .Concat(s.Resources.Select(r => new LibraryItem(r.Id, MessagePartKind.Resource, r.Title, s.Themes.FirstOrDefault()))));

    private static IEnumerable<LibraryItem> Index(
        IEnumerable<ThemeContent> themes, IEnumerable<Exercise> exercises, IEnumerable<CrisisRegion> regions)
    {
        foreach (var theme in themes)
        {
            foreach (var coping in theme.Coping)
            {
                yield return new LibraryItem(coping.Id, MessagePartKind.Coping, coping.Title, theme.Theme);
            }

            foreach (var resource in theme.Resources)
            {
                yield return new LibraryItem(resource.Id, MessagePartKind.Resource, resource.Title, theme.Theme);
            }
        }

        foreach (var exercise in exercises)
        {
            yield return new LibraryItem(exercise.Id, MessagePartKind.Exercise, exercise.Title, null);
        }

        foreach (var region in regions)
        {
            yield return new LibraryItem(CrisisContentId(region), MessagePartKind.Crisis, $"Crisis lines ({region.Region})", null);
        }
    }
}

/// <summary>One item of the library, as a content id handed out earlier refers to it.</summary>
/// <param name="Kind">A <see cref="MessagePart"/> kind.</param>
/// <param name="Theme">The theme the item belongs to; null for exercises and crisis lines.</param>
public sealed record LibraryItem(string Id, MessagePartKind Kind, string Title, string? Theme);

/// <summary>The library cannot be served: it lists every problem so one fix-and-restart is enough.</summary>
public sealed class ContentLibraryException(string directory, IReadOnlyList<string> problems)
    : Exception($"The content library in '{directory}' is not usable ({problems.Count} problem(s)):{Environment.NewLine}  - "
        + string.Join(Environment.NewLine + "  - ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
