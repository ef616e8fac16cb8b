using System.Collections.Frozen;

namespace StoriBoard.Classification;

/// <summary>
/// A small hand-written vocabulary per theme (TAXONOMY.md's "covers" column, widened with everyday and British/American
/// wording), read as one extra feature per theme beside the text features: the number of the theme's words in the
/// message, capped. The model learns how much each one counts; the words only make a thin theme's signal visible.
/// An entry ending in '*' matches any word it starts; two-word entries match two words in a row.
/// Thread-safe and allocation-free per message.
/// </summary>
public static class ThemeKeywords
{
    /// <summary>How many features <see cref="Read"/> writes: one per theme, in <see cref="Themes.All"/> order.</summary>
    public static int Count => Themes.All.Count;

    private const int Cap = 3;
    private const int MaxWord = 32;

    private static readonly Dictionary<string, string[]> Vocabulary = new(StringComparer.Ordinal)
    {
        [Themes.Work] =
        [
            "job*", "work", "works", "working", "workplace", "boss*", "manager*", "colleague*", "coworker*", "co worker", "redundan*", "layoff*",
            "laid off", "restructur*", "fired", "sacked", "career*", "burnout", "burnt out", "burned out", "shift", "shifts", "office",
            "promotion", "payroll", "hr", "contract", "unemploy*", "interview*", "employ*", "overtime", "salary", "staff", "customers",
            "disciplinary", "probation", "appraisal", "workload", "deadline*", "rota", "clients", "warehouse", "night shift",
        ],
        [Themes.Relationship] =
        [
            "boyfriend*", "girlfriend*", "bf", "gf", "partner*", "husband*", "wife", "wife's", "wives", "ex", "ex's", "divorc*", "separat*",
            "breakup", "break up", "broke up", "breaking up", "dumped", "cheat*", "affair", "married", "marriage", "fiance*", "engaged",
            "relationship*", "dating", "dates", "left me", "split up", "unfaithful", "missus", "hubby", "spouse", "boyf", "girlf",
        ],
        [Themes.Loneliness] =
        [
            "ghosted", "housebound", "forgotten", "cut off", "moved away", "all alone", "lonely*", "company", "nobody visits", "on my tod",
            "lonely", "loneliness", "alone", "isolat*", "no one", "noone", "nobody", "no friends", "left out", "invisible", "disconnect*",
            "by myself", "on my own", "friendless", "no mates", "nobody to talk", "talk to anyone", "no one to talk", "excluded",
            "ignored", "outsider", "lonesome", "miss people", "empty house", "all day alone",
        ],
        [Themes.Grief] =
        [
            "passing", "inquest", "headstone", "cemetery", "hospice", "urn", "condolences", "rest in peace", "miss him", "miss her", "lost him", "lost her", "killed in",
            "died", "dying", "death", "dead", "passed", "passed away", "funeral*", "grave", "bereave*", "grief", "grieving", "griev*",
            "loss", "lost my", "anniversary", "miscarriage*", "stillborn", "put down", "put to sleep", "rip", "memorial", "widow*",
            "ashes", "cremat*", "mourn*", "late husband", "late wife",
        ],
        [Themes.Anxiety] =
        [
            "nerves", "jittery", "butterflies", "sweating", "tight chest", "phobia", "ocd", "intrusive", "spiral*", "catastrophis*", "catastrophiz*", "apprehensi*", "fret*", "heart racing", "palpitation*",
            "anxious", "anxiety", "panic*", "worry*", "worri*", "worrying", "scared", "afraid", "fear*", "terrified", "nervous", "on edge",
            "overthink*", "stress*", "frighten*", "dread*", "racing", "heart pounding", "cant breathe", "can't breathe", "freak*", "tense",
            "restless", "paranoid", "uneasy", "shaking", "what if",
        ],
        [Themes.LowMood] =
        [
            "rock bottom", "drained", "hollow", "listless", "lifeless", "sobbing", "weep*", "apathy", "apathetic", "joyless", "bleak", "useless", "failure", "darkness", "fog", "down in",
            "sad", "sadness", "empty", "emptiness", "numb", "depress*", "hopeless*", "pointless", "motivation", "unmotivated",
            "low", "down", "miserable", "crying", "cry", "cried", "tears", "worthless", "meaningless", "flat", "grey", "gray",
            "no point", "whats the point", "what's the point", "can't be bothered", "cant be bothered", "exhausted", "tired of",
            "heavy", "bed all day", "despair", "gloomy", "blue", "unhappy", "dark place",
        ],
        [Themes.Family] =
        [
            "mum*", "mom*", "mam", "mam's", "mother*", "dad*", "father*", "parent*", "son", "sons", "son's", "daughter*", "kid", "kids",
            "child", "children", "brother*", "sister*", "sibling*", "family", "families", "stepdad*", "stepmum*", "stepmom*", "nan",
            "nana", "gran", "grandma*", "grandad*", "grandpa*", "grandparent*", "aunt*", "uncle*", "cousin*", "in laws", "in-laws",
            "caring for", "carer", "my baby", "toddler", "teenager", "my boy", "my girl", "custody", "niece", "nephew",
        ],
        [Themes.Money] =
        [
            "money", "debt*", "rent", "bills", "bill", "loan*", "overdraft", "broke", "afford", "poverty", "poor", "bailiff*", "evict*",
            "mortgage", "credit card*", "cards", "skint", "payday", "benefits", "universal credit", "wages", "savings", "bank",
            "arrears", "food bank", "foodbank", "repossess*", "bankrupt*", "owe", "owing", "pay", "paid", "cash", "quid", "pounds",
            "dollars", "council tax", "landlord", "energy bill", "electric",
        ],
        [Themes.Health] =
        [
            "clinic", "appointment*", "prescri*", "endometriosis", "ibs", "crohn*", "stroke", "seizure*", "tinnitus", "deaf", "blind", "hearing", "crutches", "mobility", "paralys*", "amput*", "dementia", "parkinson*", "alzheimer*", "kidney*", "liver", "lungs", "ivf", "fertility", "infertil*", "menopaus*", "smear", "mammogram", "sick note", "illness*", "physical*",
            "ill", "illness", "sick", "pain", "painful", "chronic", "disab*", "diagnos*", "cancer", "tumour", "tumor", "pregnan*",
            "hospital*", "doctor*", "gp", "nurse", "surgery", "operation", "scan", "symptom*", "disease", "condition", "medication",
            "meds", "injury", "injured", "wheelchair", "diabet*", "asthma", "epilep*", "ms", "arthritis", "migraine*", "lump",
            "biopsy", "chemo*", "a&e", "ward", "physio", "consultant", "body", "weight", "eating disorder", "anorexi*", "bulimi*",
            "insomnia", "fibro*", "hiv", "covid", "infection", "heart", "blood", "test results", "terminal", "miscarriage*",
        ],
        [Themes.Substances] =
        [
            "pub", "lager", "cider", "gin", "whisky", "whiskey", "spirits", "blackout", "blacked out", "xanax", "valium", "benzo*", "opioid*", "smack", "needle*", "spliff*", "edibles", "poker", "scratchcard*", "lottery", "fruit machine*", "odds", "accumulator*", "units",
            "drink*", "drunk", "alcohol*", "booze", "pint*", "wine", "vodka", "beer*", "sober*", "sobriety", "relapse*", "drug*",
            "weed", "cannabis", "coke", "cocaine", "heroin", "crack", "ket", "ketamine", "mdma", "pills", "high", "stoned",
            "gambl*", "betting", "bet", "bets", "bookies", "casino", "slots", "addict*", "hungover", "hangover", "aa", "rehab",
            "using again", "dealer", "smoking", "vape", "vaping", "spice", "meth",
        ],
        [Themes.Abuse] =
        [
            "coercion", "gaslight*", "manipulat*", "consent", "nudes", "revenge porn", "trafficked", "exploit*", "neglect*", "flashback*", "survivor", "pushed me", "shoved", "belittl*", "humiliat*", "intimidat*", "sexual assault", "abuser*",
            "abuse*", "abusive", "abused", "hit", "hits", "hitting", "beat", "beats", "beating", "beaten", "punch*", "slap*", "kick*",
            "strangl*", "choke*", "choking", "rape*", "raped", "assault*", "molest*", "groom*", "bully*", "bullied", "bullies",
            "controlling", "coercive", "threaten*", "trauma*", "ptsd", "violent", "violence", "bruise*", "touched me", "hurts me",
            "hurt me", "scared of him", "scared of her", "domestic", "stalk*", "harass*", "forced", "attacked",
        ],
        [Themes.School] =
        [
            "school", "schools", "exam*", "uni", "university", "college", "class", "classes", "teacher*", "lecturer*", "tutor*",
            "gcse*", "a levels", "a-levels", "alevels", "sats", "finals", "dissertation", "thesis", "essay*", "coursework",
            "assignment*", "homework", "grade*", "marks", "revision", "revise", "revising", "studying", "study", "student*",
            "semester", "term", "degree", "fail*", "failing", "failed", "course", "campus", "lecture*", "year 11", "sixth form",
            "detention", "classmate*", "phd", "module", "resit*", "exclusion", "expelled",
        ],
        [Themes.Identity] =
        [
            "mixed race", "brown", "white people", "foreign", "visa", "migrant*", "culture", "faith", "church", "mosque", "synagogue", "caste", "heritage", "pride", "transition*", "hormones", "hrt", "binder", "bame", "ethnic*", "minority", "xenophob*", "islamophob*", "antisemit*", "sexual orientation", "straight", "ethnicity", "nationality",
            "gay", "lesbian", "bi", "bisexual", "trans", "transgender", "nonbinary", "non binary", "non-binary", "queer", "lgbt*",
            "sexuality", "gender", "coming out", "came out", "closet", "pronouns", "dysphoria", "racis*", "racial*", "race", "skin",
            "black", "asian", "muslim", "jewish", "immigrant*", "refugee*", "asylum", "foreigner", "accent", "discriminat*",
            "belong", "belonging", "fit in", "dont fit", "don't fit", "religion", "religious", "hijab", "slur*", "homophob*",
            "transphob*", "deadname*", "autis*", "adhd", "neurodiverg*", "identity", "who i am",
        ],
    };

    private static readonly FrozenDictionary<string, int> Exact;
    private static readonly FrozenDictionary<string, int> Prefixes;
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ExactLookup;
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> PrefixLookup;
    private static readonly int MinPrefix;
    private static readonly int MaxPrefix;

    static ThemeKeywords()
    {
        // Each entry maps to a bit mask of themes (a word may belong to more than one, e.g. "miscarriage").
        var exact = new Dictionary<string, int>(StringComparer.Ordinal);
        var prefixes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < Themes.All.Count; t++)
        {
            foreach (var entry in Vocabulary[Themes.All[t]])
            {
                var key = Clean(entry.TrimEnd('*'));
                var target = entry.EndsWith('*') ? prefixes : exact;
                target[key] = target.GetValueOrDefault(key) | (1 << t);
            }
        }

        Exact = exact.ToFrozenDictionary(StringComparer.Ordinal);
        Prefixes = prefixes.ToFrozenDictionary(StringComparer.Ordinal);
        ExactLookup = Exact.GetAlternateLookup<ReadOnlySpan<char>>();
        PrefixLookup = Prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        MinPrefix = Prefixes.Keys.Min(k => k.Length);
        MaxPrefix = Prefixes.Keys.Max(k => k.Length);
    }

    /// <summary>The vocabulary, for the record (the report and tests).</summary>
    public static IReadOnlyDictionary<string, string[]> Words => Vocabulary;

    /// <summary>Writes one capped count per theme into <paramref name="counts"/> (length <see cref="Count"/>).</summary>
    public static void Read(string text, Span<float> counts)
    {
        counts.Clear();
        Span<char> previous = stackalloc char[MaxWord];
        Span<char> word = stackalloc char[MaxWord];
        Span<char> pair = stackalloc char[MaxWord * 2 + 1];
        var previousLength = 0;
        var i = 0;
        while (i < text.Length)
        {
            // A word: letters, digits, apostrophes and '&' (for "a&e"), lower-cased; apostrophes dropped so "can't" reads "cant".
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }

            var length = 0;
            while (i < text.Length && IsWordChar(text[i]))
            {
                var c = text[i++];
                if (c is '\'' or '\u2019')
                {
                    continue;
                }

                if (length < MaxWord)
                {
                    word[length++] = char.ToLowerInvariant(c);
                }
            }

            if (length == 0)
            {
                continue;
            }

            var current = word[..length];
            var mask = Match(current);
            if (previousLength > 0)
            {
                previous[..previousLength].CopyTo(pair);
                pair[previousLength] = ' ';
                current.CopyTo(pair[(previousLength + 1)..]);
                mask |= ExactLookup.TryGetValue(pair[..(previousLength + 1 + length)], out var pairMask) ? pairMask : 0;
            }

            for (var t = 0; mask != 0; t++, mask >>= 1)
            {
                if ((mask & 1) != 0 && counts[t] < Cap)
                {
                    counts[t]++;
                }
            }

            current.CopyTo(previous);
            previousLength = length;
        }
    }

    private static int Match(ReadOnlySpan<char> word)
    {
        var mask = ExactLookup.TryGetValue(word, out var exact) ? exact : 0;
        for (var n = MinPrefix; n <= Math.Min(MaxPrefix, word.Length); n++)
        {
            if (PrefixLookup.TryGetValue(word[..n], out var prefix))
            {
                mask |= prefix;
            }
        }

        return mask;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '\'' or '\u2019' or '&';

    private static string Clean(string entry) =>
        string.Join(' ', entry.ToLowerInvariant().Replace("'", "").Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries));
}
