using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>How a seeker answered one of the AI's direct questions.</summary>
public enum Answer
{
    /// <summary>Neither yes nor no: asked again in other words.</summary>
    Unclear,
    Yes,
    No,
}

/// <summary>
/// Reads the answer to a direct question from the way a reply opens. Ambivalence counts as yes, as crisis services
/// treat it ("kind of", "sometimes", "I guess", "yes but I wouldn't do anything"); a reassurance ("I'm fine") counts as
/// no, except to "are you safe right now?", where it is the yes.
/// </summary>
public static partial class AnswerReader
{
    public static Answer Read(DirectQuestion question, string text)
    {
        var opening = Opening(text);
        if (Unsure().IsMatch(opening))
        {
            return Answer.Unclear;
        }

        if (Negative().IsMatch(opening))
        {
            return question == DirectQuestion.SafeNow && SafeWords().IsMatch(opening) && !NotSafe().IsMatch(opening)
                ? Answer.Yes
                : Answer.No;
        }

        if (question == DirectQuestion.SafeNow && NotSafe().IsMatch(opening))
        {
            return Answer.No;
        }

        if (Reassuring().IsMatch(opening))
        {
            return question == DirectQuestion.SafeNow ? Answer.Yes : Answer.No;
        }

        return Affirmative().IsMatch(opening) ? Answer.Yes : Answer.Unclear;
    }

    /// <summary>The first clause, lower-cased, with curly quotes straightened: an answer opens a reply.</summary>
    private static string Opening(string text)
    {
        var lowered = text.Trim().ToLowerInvariant().Replace('’', '\'');
        var end = lowered.IndexOfAny(['.', '!', '?', '\n', ';']);
        return end > 0 ? lowered[..end] : lowered;
    }

    [GeneratedRegex(@"^\W*(idk|i don'?t know|i dont know|dunno|not sure|i'?m not sure|im not sure|no idea|why|what does it matter|does it matter|who cares|what'?s the point|can'?t say|hard to say|depends|it depends|je (ne )?sais pas|j'?sais pas|chais pas|aucune id[ée]e)\b")]
    private static partial Regex Unsure();

    [GeneratedRegex(@"^\W*(no+|nope|nah+|naw|na|not really|not at all|never|not like that|no way|of course not|definitely not|god no|hell no|i'?m not|i am not|im not|i wouldn'?t|i would never|i'?d never|i don'?t|i dont|not anymore|not now|not any ?more|non+|pas vraiment|pas du tout|jamais|absolument pas|bien s[uû]r que non|je (ne )?(crois|pense) pas)\b")]
    private static partial Regex Negative();

    [GeneratedRegex(@"^\W*(y+e+s+|yeah+|yea|yep|yup|ye|yh|ya|aye|y|sure|mhm+|uh huh|(i am|i do|i have|i have been|i'?ve been)(?=\s*(,|but|though|yes|$))|i guess|i suppose|guess so|suppose so|kind of|kinda|sort of|sorta|sometimes|maybe|perhaps|a bit|a little|a lot|probably|often|always|every ?day|most days|all the time|i think so|think so|honestly yes|unfortunately|sadly|been thinking|more than i|oui+|ouais|un peu|parfois|peut-[eê]tre|souvent|tout le temps|je crois(?! pas)|je pense(?! pas)|c'est possible)\b")]
    private static partial Regex Affirmative();

    [GeneratedRegex(@"^\W*(i'?m|i am|im)?\s*(fine|ok|okay|alright|all right|safe|good)\b|^\W*((je suis|suis) en s[ée]curit[ée]|[çc]a va)\b")]
    private static partial Regex Reassuring();

    [GeneratedRegex(@"\b(safe|fine|ok|okay|alright|en s[ée]curit[ée]|[çc]a va)\b")]
    private static partial Regex SafeWords();

    [GeneratedRegex(@"\b(not|don'?t feel|never) (really )?(safe|ok|okay|fine)\b|\bunsafe\b|\bpas en s[ée]curit[ée]|\b[çc]a (ne )?va pas\b")]
    private static partial Regex NotSafe();
}
