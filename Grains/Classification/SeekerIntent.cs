using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>What a seeker's words ask for or tell of, beyond themes and risk: read here so that replies only compose.</summary>
public static partial class SeekerIntent
{
    /// <summary>The person asks for a human ("can I talk to a real person"), and not in the negative.</summary>
    public static bool AsksForPerson(string text) => AskForPerson().IsMatch(Normalise(text));

    /// <summary>The message is about the night: sleep, being awake, the small hours.</summary>
    public static bool SpeaksOfNight(string text) => MentionsNight().IsMatch(Normalise(text));

    private static string Normalise(string text) => text.Replace('’', '\'');

    [GeneratedRegex(
        @"\b(real|actual|live)\s+(person|human|people)\b|\ba\s+human\b|\bhuman\s+being\b|\bsomeone\s+real\b"
        + @"|(?<!\b(don'?t|do\s+not|not)\s+(want|need|ready)\s+to\s+)\b(talk|speak|chat)\s+(to|with)\s+(someone|somebody|a\s+person|people|a\s+peer|a\s+supporter|a\s+counsell?or)\b"
        + @"|\b(need|want)\s+(someone|somebody)\s+to\s+talk\s+to\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AskForPerson();

    [GeneratedRegex(@"\b(sleep\w*|asleep|awake|insomnia|tonight|night|[1-5]\s?am)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MentionsNight();
}
