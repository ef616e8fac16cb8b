using System.Text.Json;

namespace StoriBoard.Classification.Training;

/// <summary>
/// How two annotators who labelled the held-out themes blind, from <c>data/labelling/guide.md</c>, agree with the
/// held-out labels and with each other: the ceiling a classifier can be expected to reach on those labels.
/// Each annotator is scored as if it were a classifier against the held-out labels.
/// </summary>
public sealed record AnnotatorAgreement(Prf[] APerTheme, Prf AMicro, Prf[] BPerTheme, Prf BMicro, Prf AgainstEachOther)
{
    /// <summary>
    /// Reads <c>heldout-annotations.jsonl</c>: one line per held-out message, in corpus order, <c>{"file","line","a":[...],"b":[...]}</c>.
    /// Null when the file is missing; an error when it does not line up with the held-out files.
    /// </summary>
    public static AnnotatorAgreement? Read(string path, string[] heldOutFiles, IReadOnlyList<LabelledMessage> heldOut)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var expected = heldOutFiles.OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Blank: string.IsNullOrWhiteSpace(line))))
            .Where(l => !l.Blank)
            .ToArray();
        var lines = File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        if (lines.Length != expected.Length || expected.Length != heldOut.Count)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} has {lines.Length} lines for {heldOut.Count} held-out messages.");
        }

        var a = new ISet<string>[lines.Length];
        var b = new ISet<string>[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            if (root.GetProperty("file").GetString() != expected[i].File || root.GetProperty("line").GetInt32() != expected[i].Line)
            {
                throw new InvalidDataException($"{Path.GetFileName(path)}:{i + 1} does not name {expected[i].File}:{expected[i].Line}.");
            }

            a[i] = Themes(root, "a");
            b[i] = Themes(root, "b");
        }

        var gold = heldOut.Select(m => (ISet<string>)m.Themes.ToHashSet()).ToArray();
        var (aPerTheme, aMicro, _) = Scores.Themes(StoriBoard.Themes.All, gold, a);
        var (bPerTheme, bMicro, _) = Scores.Themes(StoriBoard.Themes.All, gold, b);
        var (_, eachOther, _) = Scores.Themes(StoriBoard.Themes.All, a, b);
        return new AnnotatorAgreement(aPerTheme, aMicro, bPerTheme, bMicro, eachOther);
    }

    private static ISet<string> Themes(JsonElement root, string annotator) =>
        root.GetProperty(annotator).EnumerateArray().Select(t => t.GetString()!).ToHashSet();
}
