using System.Globalization;
using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>The situations people bring most, beyond themes: each has its own content under content/situations.</summary>
public static class Situations
{
    public const string Relapse = "relapse";
    public const string HumiliatedAtWork = "humiliated_at_work";
    public const string EmptyDespiteSuccess = "empty_despite_success";
    public const string SleeplessNight = "sleepless_night";
    public const string ResultsDay = "results_day";
    public const string DeathAndPaperwork = "death_and_paperwork";
    public const string MovingAway = "moving_away";
    public const string BreakupWithChildrenOrPets = "breakup_with_children_or_pets";
    public const string CaringForSomeone = "caring_for_someone";

    /// <summary>Every situation, most specific first: the first one whose cues are found is the one answered.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Relapse, DeathAndPaperwork, BreakupWithChildrenOrPets, HumiliatedAtWork, ResultsDay,
        EmptyDespiteSuccess, CaringForSomeone, MovingAway, SleeplessNight,
    ];
}

/// <summary>
/// A situation read from a message, with the details a reply may reflect back. A detail's value is always a phrase of
/// this reader's own closed vocabulary, never the person's text: a reflection can be wrong by omission, never garbled,
/// and never repeats a name, an address, a method or an insult.
/// </summary>
public sealed record SituationReading(string Situation, IReadOnlyDictionary<string, string> Details);

/// <summary>Reads a message for the situations of <see cref="Situations"/> by well-tested cues.</summary>
public static partial class SituationReader
{
    /// <summary>Detail names each situation can carry, so content can be checked against them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> DetailsOf = new Dictionary<string, IReadOnlyList<string>>
    {
        [Situations.Relapse] = ["sober", "when", "selfBlame"],
        [Situations.HumiliatedAtWork] = ["who", "act", "where", "when"],
        [Situations.EmptyDespiteSuccess] = ["success", "when"],
        [Situations.SleeplessNight] = ["again", "pointless", "since"],
        [Situations.ResultsDay] = ["which", "when", "outcome"],
        [Situations.DeathAndPaperwork] = ["who"],
        [Situations.MovingAway] = ["place", "why", "lonely"],
        [Situations.BreakupWithChildrenOrPets] = ["kind", "ones"],
        [Situations.CaringForSomeone] = ["who", "worn"],
    };

    private const string Yes = "yes";

    private static readonly Dictionary<string, string> Numbers = new(StringComparer.Ordinal)
    {
        ["a"] = "1", ["an"] = "1", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5",
        ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11",
        ["twelve"] = "12", ["eighteen"] = "18", ["twenty"] = "20",
    };

    private static readonly string[] NumberWords =
        ["", "a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static readonly Dictionary<string, string> Relatives = new(StringComparer.Ordinal)
    {
        ["mum"] = "your mum", ["mom"] = "your mom", ["mother"] = "your mother", ["dad"] = "your dad", ["father"] = "your father",
        ["husband"] = "your husband", ["wife"] = "your wife", ["partner"] = "your partner", ["son"] = "your son",
        ["daughter"] = "your daughter", ["brother"] = "your brother", ["sister"] = "your sister", ["gran"] = "your gran",
        ["grandma"] = "your grandma", ["grandmother"] = "your grandmother", ["nan"] = "your nan", ["nana"] = "your nana",
        ["grandad"] = "your grandad", ["grandpa"] = "your grandpa", ["grandfather"] = "your grandfather",
        ["uncle"] = "your uncle", ["aunt"] = "your aunt", ["auntie"] = "your auntie", ["best friend"] = "your best friend",
        ["friend"] = "your friend", ["fiance"] = "your fiancé", ["fiancé"] = "your fiancé", ["fiancée"] = "your fiancée",
        ["boyfriend"] = "your boyfriend", ["girlfriend"] = "your girlfriend", ["parents"] = "your parents",
    };

    public static SituationReading? Read(string text)
    {
        var message = Normalise(text);
        var words = message.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries);
        foreach (var situation in Situations.All)
        {
            if (MayTell(situation, words) && ReadOne(situation, message) is { } details)
            {
                return new SituationReading(situation, details);
            }
        }

        return null;
    }

    /// <summary>Every phrase a detail can take, for checking that a reply holds no word the reader did not supply.</summary>
    public static IEnumerable<string> Vocabulary() =>
        Relatives.Values
            .Concat(NumberWords.Skip(1).SelectMany(n => new[] { "day", "week", "month", "year" }.Select(u => Duration(n, u))))
            .Concat(Enumerable.Range(13, 48).Select(n => $"{n} years"))
            .Concat(Enumerable.Range(13, 48).Select(n => $"{n} months"))
            .Concat(Enumerable.Range(13, 48).Select(n => $"{n} weeks"))
            .Concat(Enumerable.Range(13, 48).Select(n => $"{n} days"))
            .Concat(Bosses.Values).Concat(Acts.Values)
            .Concat(Audiences.Values).Concat(Whens.Values).Concat(Successes.Values).Concat(Events.Values)
            .Concat(ResultKinds.Values).Concat(Places.Values).Concat(Reasons.Values).Concat(Ones.Values)
            .Concat(["again", "night after night", "a divorce", "a separation", "a breakup", Yes]);

    private static readonly char[] WordBreaks = [' ', '.', ',', '!', '?', ';', ':', '"', '(', ')', '\n'];

    /// <summary>
    /// Word beginnings without which a situation's cues cannot match: most messages tell of none, and looking for a word
    /// costs far less than running every cue over the message.
    /// </summary>
    private static readonly Dictionary<string, string[]> Triggers = new(StringComparer.Ordinal)
    {
        [Situations.Relapse] = ["relaps", "wagon", "slipped", "drink", "drank", "used", "using", "gambl", "smoked", "picked", "drugs"],
        [Situations.DeathAndPaperwork] = ["died", "passed", "death", "funeral", "bereave", "widow"],
        [Situations.BreakupWithChildrenOrPets] = ["broke", "break", "split", "separat", "divorc", "left", "walked", "ended", "ex"],
        [Situations.HumiliatedAtWork] =
        [
            "humiliat", "shouted", "yelled", "screamed", "swore", "belittl", "put", "talked", "laughed", "mocked", "made",
            "ridiculed", "tore", "ripped", "laid", "had", "dressed", "showed", "embarrassed",
        ],
        [Situations.ResultsDay] = ["result", "grade"],
        [Situations.EmptyDespiteSuccess] = ["empty", "hollow", "numb", "nothing", "anything", "meaningless", "joy"],
        [Situations.CaringForSomeone] = ["carer", "caregiver", "care", "caring", "looking", "taking", "look", "take"],
        [Situations.MovingAway] = ["moved", "relocated", "moving", "move", "new", "strange"],
        [Situations.SleeplessNight] = ["sleep", "slept", "insomnia", "awake", "night", "waking"],
    };

    private static bool MayTell(string situation, string[] words)
    {
        foreach (var trigger in Triggers[situation])
        {
            foreach (var word in words)
            {
                if (word.StartsWith(trigger, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static Dictionary<string, string>? ReadOne(string situation, string message) => situation switch
    {
        Situations.Relapse => ReadRelapse(message),
        Situations.HumiliatedAtWork => ReadHumiliation(message),
        Situations.EmptyDespiteSuccess => ReadEmptiness(message),
        Situations.SleeplessNight => ReadSleeplessness(message),
        Situations.ResultsDay => ReadResults(message),
        Situations.DeathAndPaperwork => ReadDeathAndPaperwork(message),
        Situations.MovingAway => ReadMove(message),
        Situations.BreakupWithChildrenOrPets => ReadBreakupWithOthers(message),
        Situations.CaringForSomeone => ReadCaring(message),
        _ => null,
    };

    private static Dictionary<string, string>? ReadRelapse(string message)
    {
        // "Relapse" alone is also said of illnesses; a slip needs talk of recovery to be one.
        var strong = StrongLapse().Match(message);
        var lapse = strong.Success && !IllnessRelapse().IsMatch(message)
            ? strong
            : WeakLapse().Match(message) is { Success: true } weak && RecoveryTalk().IsMatch(message) ? weak : null;
        if (lapse is null)
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        if (SoberFor().Match(message) is { Success: true } sober && Duration(sober) is { } duration)
        {
            details["sober"] = duration;
        }

        Add(details, "when", When().Match(SentenceAround(message, lapse.Index)), Whens);
        if (SelfBlame().IsMatch(message))
        {
            details["selfBlame"] = Yes;
        }

        return details;
    }

    private static Dictionary<string, string>? ReadHumiliation(string message)
    {
        var act = HumiliatingAct().Match(message);
        if (!act.Success)
        {
            return null;
        }

        var sentence = SentenceAround(message, act.Index);
        var boss = Boss().Match(sentence);
        if (!boss.Success && !WorkTalk().IsMatch(message))
        {
            return null;
        }

        var details = new Dictionary<string, string> { ["act"] = Acts[Key(act.Groups["act"].Value, Acts.Keys)] };
        if (boss.Success)
        {
            details["who"] = Bosses[boss.Groups["who"].Value];
        }

        Add(details, "where", Audience().Match(sentence), Audiences);
        Add(details, "when", When().Match(sentence), Whens);
        return details;
    }

    private static Dictionary<string, string>? ReadEmptiness(string message)
    {
        var success = Success().Match(message);
        if (!success.Success || !Empty().IsMatch(message))
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        var what = Achievement().Match(SentenceAround(message, success.Index));
        Add(details, "success", what, Successes);
        Add(details, "when", When().Match(SentenceAround(message, success.Index)), Whens);
        return details;
    }

    private static Dictionary<string, string>? ReadSleeplessness(string message)
    {
        if (!Sleepless().IsMatch(message))
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        if (Again().Match(message) is { Success: true } again)
        {
            details["again"] = again.Value is "again" or "another night" ? "again" : "night after night";
        }

        if (Pointless().IsMatch(message))
        {
            details["pointless"] = Yes;
        }

        Add(details, "since", Since().Match(message), Events);
        return details;
    }

    private static Dictionary<string, string>? ReadResults(string message)
    {
        var results = Results().Match(message);
        if (!results.Success || MedicalTest().IsMatch(message))
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        Add(details, "which", ResultKind().Match(message), ResultKinds);
        var sentence = SentenceAround(message, results.Index);
        if (BadResults().IsMatch(message))
        {
            details["outcome"] = Yes;
        }
        else
        {
            Add(details, "when", UpcomingDay().Match(sentence), Whens);
        }

        return details;
    }

    private static Dictionary<string, string>? ReadDeathAndPaperwork(string message)
    {
        var death = Death().Match(message);
        if (!death.Success || !Paperwork().IsMatch(message))
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        Add(details, "who", Relative().Match(SentenceAround(message, death.Index)), Relatives);
        return details;
    }

    private static Dictionary<string, string>? ReadMove(string message)
    {
        if (!Moved().IsMatch(message) || NotAMove().IsMatch(message))
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        Add(details, "place", Place().Match(message), Places);
        Add(details, "why", MoveReason().Match(message), Reasons);
        if (Lonely().IsMatch(message))
        {
            details["lonely"] = Yes;
        }

        return details;
    }

    private static Dictionary<string, string>? ReadBreakupWithOthers(string message)
    {
        var breakup = Breakup().Match(message);
        var ones = Others().Match(message);
        if (!breakup.Success || !ones.Success)
        {
            return null;
        }

        var kind = breakup.Value.StartsWith("divorc", StringComparison.Ordinal) ? "a divorce"
            : breakup.Value.StartsWith("separat", StringComparison.Ordinal) ? "a separation"
            : "a breakup";
        var who = ones.Groups["ones"].Success ? Ones[ones.Groups["ones"].Value] : "your children";
        return new Dictionary<string, string> { ["kind"] = kind, ["ones"] = who };
    }

    private static Dictionary<string, string>? ReadCaring(string message)
    {
        var carer = Carer().Match(message);
        var caring = carer.Success ? carer : CaringFor().Match(message);
        if (!caring.Success)
        {
            return null;
        }

        var details = new Dictionary<string, string>();
        if (caring.Groups["who"].Success)
        {
            details["who"] = Relatives[caring.Groups["who"].Value];
        }

        if (WornOut().IsMatch(message))
        {
            details["worn"] = Yes;
        }

        return details;
    }

    private static string Normalise(string text) =>
        Whitespace().Replace(text.Replace('’', '\'').Replace('‘', '\'').ToLowerInvariant(), " ").Trim();

    /// <summary>The sentence a match sits in, so details are taken from where the situation is told, not from elsewhere.</summary>
    private static string SentenceAround(string message, int index)
    {
        var start = message.LastIndexOfAny(['.', '!', '?', '\n', ';'], Math.Max(0, index - 1)) + 1;
        var end = message.IndexOfAny(['.', '!', '?', '\n', ';'], index);
        return message[start..(end < 0 ? message.Length : end)];
    }

    private static void Add(Dictionary<string, string> details, string name, Match match, IReadOnlyDictionary<string, string> words)
    {
        if (match.Success)
        {
            // The first group that took part names the detail; the rest of the match is only its setting ("in front of").
            var key = match.Groups.Cast<Group>().Skip(1).FirstOrDefault(g => g.Success)?.Value ?? match.Value;
            if (words.TryGetValue(Whitespace().Replace(key, " "), out var phrase))
            {
                details[name] = phrase;
            }
        }
    }

    private static string Key(string found, IEnumerable<string> keys) => keys.First(k => found.Contains(k, StringComparison.Ordinal));

    /// <summary>"two years", "a month", "18 months"; null for a number no one would mean (0, 200).</summary>
    private static string? Duration(Match match)
    {
        var raw = match.Groups["n"].Value;
        var number = Numbers.TryGetValue(raw, out var word) ? word : raw;
        return int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 60
            ? Duration(n < NumberWords.Length ? NumberWords[n] : n.ToString(CultureInfo.InvariantCulture), match.Groups["unit"].Value.TrimEnd('s'))
            : null;
    }

    private static string Duration(string number, string unit) => number == "a" ? $"a {unit}" : $"{number} {unit}s";

    private static readonly Dictionary<string, string> Bosses = new(StringComparer.Ordinal)
    {
        ["boss"] = "your boss", ["manager"] = "your manager", ["line manager"] = "your manager", ["supervisor"] = "your supervisor",
        ["team leader"] = "your team leader", ["team lead"] = "your team leader", ["director"] = "a director",
        ["colleague"] = "a colleague", ["coworker"] = "a colleague", ["co-worker"] = "a colleague", ["workmate"] = "a colleague",
        ["client"] = "a client", ["customer"] = "a customer", ["head of department"] = "your head of department",
    };

    private static readonly Dictionary<string, string> Acts = new(StringComparer.Ordinal)
    {
        ["humiliat"] = "humiliated you",
        ["shouted at me"] = "shouted at you",
        ["yelled at me"] = "shouted at you",
        ["screamed at me"] = "shouted at you",
        ["swore at me"] = "swore at you",
        ["belittl"] = "belittled you",
        ["put me down"] = "put you down",
        ["talked down to me"] = "talked down to you",
        ["laughed at me"] = "laughed at you",
        ["mocked me"] = "mocked you",
        ["made fun of me"] = "made fun of you",
        ["ridiculed me"] = "ridiculed you",
        ["tore into me"] = "tore into you",
        ["ripped into me"] = "tore into you",
        ["laid into me"] = "tore into you",
        ["had a go at me"] = "had a go at you",
        ["dressed me down"] = "tore into you",
        ["showed me up"] = "showed you up",
        ["embarrassed me"] = "showed you up",
        ["made a fool of me"] = "made a fool of you",
        ["made an example of me"] = "made an example of you",
    };

    private static readonly Dictionary<string, string> Audiences = new(StringComparer.Ordinal)
    {
        ["everyone"] = "in front of everyone", ["everybody"] = "in front of everyone", ["the whole team"] = "in front of the whole team",
        ["the team"] = "in front of the team", ["my team"] = "in front of your team", ["the whole office"] = "in front of the whole office",
        ["the office"] = "in front of the office", ["my colleagues"] = "in front of your colleagues", ["colleagues"] = "in front of colleagues",
        ["the client"] = "in front of a client", ["clients"] = "in front of clients", ["customers"] = "in front of customers",
        ["the customers"] = "in front of customers", ["a meeting"] = "in a meeting", ["the meeting"] = "in a meeting",
        ["a call"] = "on a call", ["the call"] = "on a call",
    };

    private static readonly Dictionary<string, string> Whens = new(StringComparer.Ordinal)
    {
        ["today"] = "today", ["tonight"] = "tonight", ["last night"] = "last night", ["this morning"] = "this morning",
        ["this afternoon"] = "this afternoon", ["yesterday"] = "yesterday", ["tomorrow"] = "tomorrow", ["next week"] = "next week",
        ["this week"] = "this week", ["on monday"] = "on Monday", ["on tuesday"] = "on Tuesday", ["on wednesday"] = "on Wednesday",
        ["on thursday"] = "on Thursday", ["on friday"] = "on Friday", ["at the weekend"] = "at the weekend",
    };

    private static readonly Dictionary<string, string> Successes = new(StringComparer.Ordinal)
    {
        ["presentation"] = "your presentation went really well", ["pitch"] = "your pitch went really well",
        ["interview"] = "your interview went really well", ["talk"] = "your talk went really well",
        ["speech"] = "your speech went really well", ["exam"] = "your exam went really well", ["match"] = "your match went really well",
        ["performance"] = "your performance went really well", ["launch"] = "the launch went really well",
        ["promotion"] = "you got the promotion", ["promoted"] = "you were promoted", ["the job"] = "you got the job",
        ["the deal"] = "you closed the deal", ["the contract"] = "you won the contract",
    };

    private static readonly Dictionary<string, string> Events = new(StringComparer.Ordinal)
    {
        ["the divorce"] = "the divorce", ["my divorce"] = "the divorce", ["the breakup"] = "the breakup", ["the break-up"] = "the breakup",
        ["the break up"] = "the breakup", ["the split"] = "the breakup", ["my breakup"] = "the breakup", ["my break-up"] = "the breakup",
        ["the separation"] = "the separation", ["the funeral"] = "the funeral", ["the diagnosis"] = "the diagnosis",
        ["my diagnosis"] = "the diagnosis", ["the accident"] = "the accident", ["the miscarriage"] = "the miscarriage",
        ["the redundancy"] = "the redundancy", ["the move"] = "the move", ["i moved"] = "the move", ["we moved"] = "the move",
        ["we split up"] = "the breakup", ["we broke up"] = "the breakup", ["i got divorced"] = "the divorce",
        ["i lost my job"] = "you lost your job", ["i was made redundant"] = "you were made redundant",
    };

    private static readonly Dictionary<string, string> ResultKinds = new(StringComparer.Ordinal)
    {
        ["gcse"] = "GCSE results", ["gcses"] = "GCSE results", ["a-level"] = "A-level results", ["a level"] = "A-level results",
        ["a levels"] = "A-level results", ["a-levels"] = "A-level results", ["leaving cert"] = "Leaving Cert results",
        ["exam"] = "exam results", ["exams"] = "exam results", ["degree"] = "degree results", ["uni"] = "degree results",
        ["university"] = "degree results", ["btec"] = "BTEC results", ["test"] = "test results", ["highers"] = "Highers results",
    };

    private static readonly Dictionary<string, string> Places = new(StringComparer.Ordinal)
    {
        ["new city"] = "a new city", ["new town"] = "a new town", ["new country"] = "a new country", ["new area"] = "a new area",
        ["abroad"] = "a new country", ["another country"] = "a new country", ["a different country"] = "a new country",
        ["the other side of the country"] = "the other side of the country", ["the other end of the country"] = "the other side of the country",
    };

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["uni"] = "for university", ["university"] = "for university", ["college"] = "for college", ["work"] = "for work",
        ["a job"] = "for work", ["my job"] = "for work", ["a new job"] = "for a new job", ["my partner"] = "for your partner",
    };

    private static readonly Dictionary<string, string> Ones = new(StringComparer.Ordinal)
    {
        ["kids"] = "the kids", ["children"] = "the children", ["child"] = "your child", ["son"] = "your son",
        ["daughter"] = "your daughter", ["boys"] = "the boys", ["girls"] = "the girls", ["little one"] = "your little one",
        ["baby"] = "the baby", ["dog"] = "the dog", ["dogs"] = "the dogs", ["cat"] = "the cat", ["cats"] = "the cats",
        ["pet"] = "your pet", ["pets"] = "the pets", ["puppy"] = "the puppy",
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // Not a lapse when denied or only feared: "I haven't relapsed", "scared I'll relapse".
    [GeneratedRegex(@"(?<!\b(?:not|never|haven't|have not|hasn't|didn't|did not|won't|don't want to|trying not to|so close to|nearly|almost|scared (?:i'll|i will|of|to)|afraid (?:i'll|i will|of|to)|worried (?:i'll|i will|about))\s+(?:a\s+)?)\b(?:relapsed|relapse|fell off the wagon)\b")]
    private static partial Regex StrongLapse();

    [GeneratedRegex(@"(?<!\b(?:not|never|haven't|hasn't|didn't|did not|nearly|almost)\s+)\b(?:slipped up|slipped|had a drink|had a few drinks|(?:drank|drinking|used|using|gambled|gambling|smoked|picked up) again|went back to (?:drinking|using|the drink|gambling|drugs))\b")]
    private static partial Regex WeakLapse();

    [GeneratedRegex(@"\b(?:sober|sobriety|clean|recovery|aa|na|sponsor|meetings?|abstinent|dry|teetotal)\b")]
    private static partial Regex RecoveryTalk();

    [GeneratedRegex(@"\b(?:cancer|tumou?r|leukaemia|leukemia|ms|symptoms?|illness|depression|anxiety|eating disorder|anorexia|bulimia|psychosis)\b")]
    private static partial Regex IllnessRelapse();

    [GeneratedRegex(@"(?<![\d.,])\b(?<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty)\s+(?<unit>days?|weeks?|months?|years?)\s+(?:of\s+)?(?:sober|sobriety|clean|dry|without a drink|off the drink|off drugs|gamble[- ]free)|\b(?:sober|clean|dry)\s+(?:for\s+)?(?:over\s+|nearly\s+|almost\s+|about\s+)?(?<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty)\s+(?<unit>days?|weeks?|months?|years?)\b(?![.,]\d)")]
    private static partial Regex SoberFor();

    [GeneratedRegex(@"\b(today|tonight|last night|this morning|this afternoon|yesterday|tomorrow|next week|this week|on (?:monday|tuesday|wednesday|thursday|friday)|at the weekend)\b")]
    private static partial Regex When();

    [GeneratedRegex(@"\b(tomorrow|today|next week|this week|on (?:monday|tuesday|wednesday|thursday|friday))\b")]
    private static partial Regex UpcomingDay();

    [GeneratedRegex(@"\b(?:i hate myself|hate myself|so ashamed|ashamed of myself|disgusted with myself|i'?m disgusting|i'?m (?:such )?a failure|i'?m pathetic|i'?m worthless|i'?m useless|i'?m an idiot|i'?m so stupid|i(?:'ve)? ruined everything|threw it all away|thrown it all away|all for nothing|back to square one|wasted (?:it|everything|all))\b")]
    private static partial Regex SelfBlame();

    [GeneratedRegex(@"\b(?<act>humiliat\w*|i (?:was|got|felt) (?:so |really |completely |totally )?humiliated|(?:shouted|yelled|screamed|swore) at me|belittle[sd]? me|belittling me|put me down|talked down to me|laughed at me|mocked me|made fun of me|ridiculed me|tore into me|ripped into me|laid into me|had a go at me|dressed me down|showed me up|embarrassed me|made a fool of me|made an example of me)\b")]
    private static partial Regex HumiliatingAct();

    [GeneratedRegex(@"\b(?:my|the|our|a|one of my) (?<who>line manager|boss|manager|supervisor|team leader|team lead|director|head of department|colleague|coworker|co-worker|workmate|client|customer)s?\b")]
    private static partial Regex Boss();

    [GeneratedRegex(@"\b(?:work|office|job|shift|meeting|colleagues?|at the shop|on the ward)\b")]
    private static partial Regex WorkTalk();

    [GeneratedRegex(@"\b(?:in front of (everyone|everybody|the whole team|the team|my team|the whole office|the office|my colleagues|colleagues|the client|clients|the customers|customers)|in (a meeting|the meeting)|on (a call|the call))\b")]
    private static partial Regex Audience();

    [GeneratedRegex(@"\b(?:killed it|nailed it|smashed it|aced (?:it|the|my)|crushed it|went (?:really |so )?(?:well|great|perfectly|brilliantly)|got (?:the|a) (?:promotion|job|deal|contract)|(?:got|been|was) promoted|won (?:the|a) (?:deal|contract|award)|everything i (?:wanted|worked for)|on paper|successful|achieved)\b")]
    private static partial Regex Success();

    [GeneratedRegex(@"\b(?:empty|hollow|numb|feel nothing|don't feel anything|didn't feel anything|can't feel anything|meaningless|no joy|nothing inside)\b")]
    private static partial Regex Empty();

    [GeneratedRegex(@"\b(presentation|pitch|interview|talk|speech|exam|match|performance|launch|promotion|promoted|the job|the deal|the contract)\b")]
    private static partial Regex Achievement();

    [GeneratedRegex(@"\b(?:can'?t sleep|cannot sleep|can'?t get (?:back )?to sleep|couldn'?t sleep|unable to sleep|not sleeping|haven'?t slept|have not slept|not slept|no sleep|insomnia|wide awake|lying awake|lie awake|still awake|awake at|up all night|awake all night|keep waking)\b")]
    private static partial Regex Sleepless();

    [GeneratedRegex(@"\b(?:again|another night|every night|night after night|most nights|each night|all week|for (?:days|weeks|months|ages))\b")]
    private static partial Regex Again();

    [GeneratedRegex(@"\b(?:pointless|no point|what'?s the point|hopeless|meaningless|nothing matters)\b")]
    private static partial Regex Pointless();

    [GeneratedRegex(@"\bsince ((?:the|my) (?:divorce|breakup|break-up|break up|split|separation|funeral|diagnosis|accident|miscarriage|redundancy|move)|(?:i|we) (?:moved|split up|broke up|got divorced|lost my job|was made redundant))\b")]
    private static partial Regex Since();

    [GeneratedRegex(@"\b(?:results? (?:day|tomorrow|today|come out|comes out|are out|came out|next week|this week|on (?:monday|tuesday|wednesday|thursday|friday))|(?:exam|gcse|gcses|a[- ]level|a levels|a-levels|degree|btec|leaving cert|highers|test) results|waiting (?:for|on) (?:my |the )?(?:exam )?results|got my results|my results|grades? (?:come out|are out|tomorrow|day))\b")]
    private static partial Regex Results();

    [GeneratedRegex(@"\b(?:blood|scan|biopsy|hospital|doctor|gp|clinic|mri|x-ray|smear|covid|hiv|sti|std|cancer|pregnancy|lab)\b")]
    private static partial Regex MedicalTest();

    [GeneratedRegex(@"\b(gcses?|a[- ]levels?|leaving cert|exams?|degree|uni|university|btec|highers)\b")]
    private static partial Regex ResultKind();

    [GeneratedRegex(@"\b(?:failed|didn'?t get (?:the |my )?(?:grades|offer|place|results)|missed (?:my|the) (?:grades|offer|place)|bad results|results were (?:bad|awful|terrible)|terrible results|awful results|not what i (?:needed|wanted|hoped))\b")]
    private static partial Regex BadResults();

    [GeneratedRegex(@"\b(?:died|passed away|passed on|death|funeral|bereave\w*|widowed)\b")]
    private static partial Regex Death();

    [GeneratedRegex(@"\b(?:paperwork|forms?|probate|(?:the|his|her|their) will|estate|death certificate|register(?:ing)? the death|banks?|building society|pensions?|insurance|council tax|bills|accounts|solicitors?|executor|admin|tell us once|sort(?:ing)? out (?:his|her|their|all|everything)|clear(?:ing)? (?:out )?(?:the|his|her|their) (?:house|flat|things)|funeral arrangements|arrang\w+ the funeral)\b")]
    private static partial Regex Paperwork();

    [GeneratedRegex(@"\b(?:my|our) (best friend|mum|mom|mother|dad|father|husband|wife|partner|son|daughter|brother|sister|gran|grandma|grandmother|nan|nana|grandad|grandpa|grandfather|uncle|aunt|auntie|friend|fiancé|fiance|fiancée|boyfriend|girlfriend|parents)\b")]
    private static partial Regex Relative();

    [GeneratedRegex(@"\b(?:(?:just |recently )?(?:moved|relocated)\s+(?:here|away|to|abroad|house|across|for|countries|cities)|since (?:i|we) (?:moved|relocated|came here)|(?:moving|move) (?:to|abroad|away|across)|(?:new|strange) (?:city|town|country|area))\b")]
    private static partial Regex Moved();

    [GeneratedRegex(@"\bmoved to (?:tears|a (?:new |different )?(?:team|department|role|position|ward|shift|desk|set))\b")]
    private static partial Regex NotAMove();

    [GeneratedRegex(@"\b(new city|new town|new country|new area|abroad|another country|a different country|the other (?:side|end) of the country)\b")]
    private static partial Regex Place();

    [GeneratedRegex(@"\bfor (uni|university|college|work|a job|my job|a new job|my partner)\b")]
    private static partial Regex MoveReason();

    [GeneratedRegex(@"\b(?:lonely|alone|don'?t know (?:anyone|anybody|a single (?:person|soul))|no friends|no one here|nobody here|isolated|haven'?t made (?:any )?friends)\b")]
    private static partial Regex Lonely();

    [GeneratedRegex(@"\b(?:broke up|break ?up|breakup|break-up|split up|split|splitting up|separated|separating|separation|divorce|divorcing|divorced|left me|walked out|ended things|my ex|ex-wife|ex-husband|ex-partner)\b")]
    private static partial Regex Breakup();

    [GeneratedRegex(@"\b(?:(?:the|my|our) (?<ones>kids|children|child|son|daughter|boys|girls|little one|baby|dogs?|cats?|pets?|puppy)|custody|co-?parent\w*)\b")]
    private static partial Regex Others();

    [GeneratedRegex(@"\b(?:(?:i'?m|i am|i've been|i have been|being) (?:a |the )?(?:full[- ]time |unpaid |main |sole |only )?(?:carer|caregiver|care giver)(?: for my (?<who>mum|mom|mother|dad|father|husband|wife|partner|brother|sister|gran|grandma|grandmother|nan|grandad|grandpa|grandfather|parents|son|daughter))?|my (?<who>mum|mom|mother|dad|father|husband|wife|partner|brother|sister|gran|grandma|grandmother|nan|grandad|grandpa|grandfather|parents|son|daughter)'?s (?:full[- ]time |main |only )?carer)\b")]
    private static partial Regex Carer();

    // Looking after children is parenting; a carer looks after an adult who needs it (a carer of a child says "carer").
    [GeneratedRegex(@"(?<!\b(?:not|never|no longer|stopped)\s+)\b(?:caring for|looking after|taking care of|care for|look after|take care of) my (?:(?:disabled|sick|elderly|ill|poorly) )?(?<who>mum|mom|mother|dad|father|husband|wife|partner|brother|sister|gran|grandma|grandmother|nan|grandad|grandpa|grandfather|parents)\b")]
    private static partial Regex CaringFor();

    [GeneratedRegex(@"\b(?:exhausted|so tired|worn out|burnt out|burned out|running on empty|no time for (?:me|myself)|no life of my own|drained|can'?t cope|end of my tether|resent\w*|guilty)\b")]
    private static partial Regex WornOut();
}
