using System.Globalization;
using System.Text;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>Minimal CSV writing: invariant numbers, quoted text where needed.</summary>
public static class Csv
{
    public static void Write(string path, string[] headers, IEnumerable<object[]> rows)
    {
        var text = new StringBuilder().AppendJoin(',', headers.Select(Field)).Append('\n');
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    private static string Field(object value)
    {
        var text = value switch
        {
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
