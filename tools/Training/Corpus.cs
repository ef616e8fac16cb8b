using System.Text.Json;

namespace StoriBoard.Classification.Training;

/// <summary>One labelled help-seeker message of the corpus; a red flag may carry its kind.</summary>
public sealed record LabelledMessage(string Text, string[] Themes, RiskLevel Risk, RedFlagKind? Kind = null);

/// <summary>
/// Reads the corpus files: one JSON object a line, <c>{"text","themes":[...],"risk"}</c>, labelled by TAXONOMY.md, and
/// on red flags optionally <c>"kind"</c> (a red-flag kind id).
/// </summary>
public static class Corpus
{
    public static IReadOnlyList<LabelledMessage> Read(IEnumerable<string> files)
    {
        var messages = new List<LabelledMessage>();
        foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                // Errors name the file and line, never the text: the corpus reads like real messages.
                messages.Add(Parse(line) ?? throw new InvalidDataException($"{Path.GetFileName(file)}:{lineNumber} is not a valid labelled message."));
            }
        }

        return messages;
    }

    /// <summary>
    /// One split of a corpus folder: the training files (<c>train-*.jsonl</c>), the held-out files (<c>heldout-*.jsonl</c>),
    /// or red flags labelled with their kind for the kind model alone (<c>kinds-*.jsonl</c>). The risk and theme heads read
    /// only the first.
    /// </summary>
    public static string[] Files(string corpusDirectory, string prefix) =>
        Directory.Exists(corpusDirectory) ? Directory.GetFiles(corpusDirectory, prefix + "-*.jsonl") : [];

    private static LabelledMessage? Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var text = root.GetProperty("text").GetString();
            var themes = root.GetProperty("themes").EnumerateArray().Select(t => t.GetString()).ToArray();
            if (string.IsNullOrWhiteSpace(text)
                || !themes.All(StoriBoard.Themes.IsKnown)
                || !RiskLevels.TryParse(root.GetProperty("risk").GetString(), out var risk))
            {
                return null;
            }

            RedFlagKind? kind = null;
            if (root.TryGetProperty("kind", out var kindId) && kindId.ValueKind == JsonValueKind.String)
            {
                kind = Enum.GetValues<RedFlagKind>().Cast<RedFlagKind?>().FirstOrDefault(k => k!.Value.Id() == kindId.GetString());
                if (kind is null || !risk.IsRedFlag())
                {
                    return null;
                }
            }

            return new LabelledMessage(text, themes.Distinct().ToArray()!, risk, kind);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
