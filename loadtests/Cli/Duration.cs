using System.Globalization;

namespace StoriBoard.LoadTests.Cli;

/// <summary>Durations on the command line: "45s", "3m", "2h", "1h30m" or "00:03:00".</summary>
public static class Duration
{
    public static TimeSpan Parse(string text)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var exact) && text.Contains(':', StringComparison.Ordinal))
        {
            return exact;
        }

        var total = TimeSpan.Zero;
        var number = "";
        foreach (var c in text.Trim())
        {
            if (char.IsDigit(c) || c == '.')
            {
                number += c;
                continue;
            }

            var value = double.Parse(number, CultureInfo.InvariantCulture);
            total += c switch
            {
                'h' => TimeSpan.FromHours(value),
                'm' => TimeSpan.FromMinutes(value),
                's' => TimeSpan.FromSeconds(value),
                _ => throw new FormatException($"'{text}': use s, m or h, e.g. 90s, 3m, 2h."),
            };
            number = "";
        }

        return number.Length == 0 ? total : total + TimeSpan.FromSeconds(double.Parse(number, CultureInfo.InvariantCulture));
    }
}
