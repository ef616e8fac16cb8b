using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>
/// Which kind of danger a red flag is. Explicit words decide first: the safety rules that fired, someone else at risk, an
/// overdose already taken, harm from or to someone. Otherwise the kind model's reading, when there is one; without it,
/// self-harm words or else suicide, the kind whose reply and question fit the most red flags.
/// </summary>
public static partial class RedFlagKinds
{
    private static readonly Dictionary<string, RedFlagKind> BySignal = new(StringComparer.Ordinal)
    {
        ["overdose_taken"] = RedFlagKind.Medical,
        ["overdose_as_they_type"] = RedFlagKind.Medical,
        ["someone_unresponsive"] = RedFlagKind.Medical,
        ["danger_from_other"] = RedFlagKind.DangerFromOthers,
        ["held_against_their_will"] = RedFlagKind.DangerFromOthers,
        ["harm_to_others"] = RedFlagKind.HarmToOthers,
    };

    public static RedFlagKind Infer(string text, IReadOnlyCollection<string> signals, IReadOnlyCollection<ThemeScore> themes, RedFlagKind? model = null)
    {
        var words = text.ToLowerInvariant().Replace('’', '\'');
        if (SomeoneElseAtRisk().IsMatch(words))
        {
            return RedFlagKind.ThirdParty;
        }

        foreach (var signal in signals)
        {
            if (BySignal.TryGetValue(signal, out var kind))
            {
                return kind;
            }
        }

        if (TakenAlready().IsMatch(words))
        {
            return RedFlagKind.Medical;
        }

        if (HarmFromSomeone().IsMatch(words) || (themes.Any(t => t.Id == Themes.Abuse) && AfraidOfSomeone().IsMatch(words)))
        {
            return RedFlagKind.DangerFromOthers;
        }

        if (HarmingSomeone().IsMatch(words))
        {
            return RedFlagKind.HarmToOthers;
        }

        return model ?? (SelfHarm().IsMatch(words) ? RedFlagKind.SelfHarm : RedFlagKind.Suicide);
    }

    private const string Someone =
        @"(my|our) (friend|mate|best friend|bestie|sister|brother|son|daughter|mum|mom|mother|dad|father|partner|boyfriend|girlfriend|wife|husband|flatmate|roommate|housemate|cousin|niece|nephew|colleague|neighbour|neighbor|grandad|grandma|nan|uncle|aunt|auntie|student|client|teenager|kid|child)";

    /// <summary>Another person is the one who wants to die, has taken something, or cannot be woken.</summary>
    [GeneratedRegex(Someone + @"\b[^.?!]{0,60}\b(says? (s?he|they) wants? to die|wants? to (kill (him|her|them)sel(f|ves)|die|end (it|(his|her|their) life))|(is|'s|has been) (suicidal|talking about (suicide|killing|ending))|(has|'s) (taken|overdosed|swallowed)|overdosed|tried to (kill|hang|end)|won'?t wake|not breathing|unresponsive|said goodbye)")]
    private static partial Regex SomeoneElseAtRisk();

    [GeneratedRegex(@"\b(i'?ve|i have|i|just) (already )?(taken|took|swallowed|downed|overdosed|od'?d)\b[^.?!]{0,40}\b(pills|tablets|paracetamol|painkillers|meds|medication|everything|all of (them|it)|the lot|box|packet|bottle)\b|\b(i'?ve|i have) overdosed\b")]
    private static partial Regex TakenAlready();

    [GeneratedRegex(@"\b(he|she|they|my (dad|father|mum|mother|stepdad|stepmum|partner|boyfriend|girlfriend|husband|wife|ex|brother|uncle))\b[^.?!]{0,40}\b(hits|hit|beats|beat|hurts|hurt|chokes|choked|strangled|kicks|kicked|punched|threatens|threatened|raped|is going to kill|'?ll kill|will kill|said he'?d kill)\b[^.?!]{0,20}\b(me|us|my (mum|mom|mother|sister|brother|kids?|son|daughter|baby))\b")]
    private static partial Regex HarmFromSomeone();

    [GeneratedRegex(@"\b(scared|afraid|terrified|frightened) (of|to go home|he|she|they)\b|\b(outside|at) (the|my) (door|window)\b")]
    private static partial Regex AfraidOfSomeone();

    [GeneratedRegex(@"\bi (want to|wanna|'?m going to|am going to|'?m gonna|could|will|might) (hurt|kill|stab|hit|strangle|smother|shake) (him|her|them|someone|somebody|my|the baby|the kids?|people)\b")]
    private static partial Regex HarmingSomeone();

    [GeneratedRegex(@"\b(cut|cutting|burn|burning|burnt|scratch|scratching|hurt|hurting|harm|harming|punch|punching) (myself|my (arms?|legs?|wrists?|thighs?|skin|stomach))\b|\bself[- ]?harm")]
    private static partial Regex SelfHarm();
}
