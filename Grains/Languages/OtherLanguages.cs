using System.Text.Json;
using System.Text.RegularExpressions;

namespace StoriBoard.Languages;

/// <summary>
/// The short answer for a message in a language the helpline does not serve but can recognise: that the service is in
/// its served languages, and the crisis line of the person's region, in the person's own language. Reviewed text, kept
/// as data in content/other-languages.json.
/// </summary>
public sealed partial class OtherLanguages
{
    public const string FileName = "other-languages.json";
    private static readonly string[] Placeholders = ["served", "contact", "emergency"];

    private readonly Dictionary<string, string> answers;
    private readonly Dictionary<string, string> names;

    private OtherLanguages(OtherLanguagesFile file)
    {
        answers = file.Answers.ToDictionary(a => a.Language, a => a.Text, StringComparer.Ordinal);
        names = new(file.Names, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Codes => answers.Keys;

    public string? Answer(string code) => answers.GetValueOrDefault(code);

    /// <summary>What a served language calls itself ("français"), so every reader can find their own.</summary>
    public string NameOf(string code) => names.GetValueOrDefault(code, code);

    /// <summary>Loads and checks the file: every served language named, every answer with its three placeholders.</summary>
    public static OtherLanguages Load(string directory, IReadOnlyCollection<string> served)
    {
        var path = Path.Combine(directory, FileName);
        var problems = new List<string>();
        OtherLanguagesFile? file = null;
        try
        {
            file = JsonSerializer.Deserialize<OtherLanguagesFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web)
            {
                RespectNullableAnnotations = true,
                RespectRequiredConstructorParameters = true,
            });
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            problems.Add(ex.Message);
        }

        if (file is not null)
        {
            problems.AddRange(served.Where(code => !file.Names.ContainsKey(code)).Select(code => $"names: served language '{code}' has no name"));
            foreach (var answer in file.Answers)
            {
                if (!Languages.IsDetectable(answer.Language))
                {
                    problems.Add($"answers: '{answer.Language}' is not an ISO 639-1 code the detector knows");
                }

                if (served.Contains(answer.Language))
                {
                    problems.Add($"answers: '{answer.Language}' is served, so it has a whole library instead");
                }

                var found = Placeholder().Matches(answer.Text).Select(m => m.Groups[1].Value).ToHashSet();
                if (!found.SetEquals(Placeholders))
                {
                    problems.Add($"answers: '{answer.Language}' must use exactly {{served}}, {{contact}} and {{emergency}}");
                }
            }

            problems.AddRange(file.Answers.GroupBy(a => a.Language).Where(g => g.Count() > 1).Select(g => $"answers: '{g.Key}' is given twice"));
        }

        return problems.Count > 0 || file is null
            ? throw new Responding.ContentLibraryException(path, problems)
            : new OtherLanguages(file);
    }

    private sealed record OtherLanguagesFile(Dictionary<string, string> Names, OtherLanguageAnswer[] Answers);

    private sealed record OtherLanguageAnswer(string Language, string Text);

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();
}
