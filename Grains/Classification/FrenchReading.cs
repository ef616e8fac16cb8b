using System.Text;
using System.Text.RegularExpressions;

namespace StoriBoard.Classification;

/// <summary>
/// What the helpline reads in French, which the English models cannot: themes by a small vocabulary, and red flags by
/// explicit, unambiguous statements. Like the English lexicon it only ever raises risk. The patterns read the message
/// lower-cased, without accents and with straight apostrophes, so "j’ai", "j'ai" and "jai" read alike.
/// Thread-safe.
/// </summary>
public static partial class FrenchReading
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Compiled;

    /// <summary>
    /// One explicit statement: the signal it records, the floor it puts under the risk, the red flag's kind; when
    /// <paramref name="Negatable"/>, a match just after a negation ("je ne vais pas me suicider") does not count.
    /// </summary>
    public sealed record Rule(string Name, RiskLevel Level, RedFlagKind Kind, Regex Pattern, Regex? Also = null, bool Negatable = false);

    // A negation just before a statement: "je ne vais pas", "je vais pas", "aucune envie de".
    private static readonly Regex NegatedBefore = R(@"\b(pas|jamais|point|plus)( \S+)? ?$|\b(aucune envie|aucune intention|pas envie|pas question) de ?$");

    private static Regex R(string pattern) => new(pattern, Options);

    // "tonight", "now": a wish to die with a time beside it is an act under way.
    private static readonly Regex Now = R(@"\b(ce soir|cette nuit|maintenant|tout de suite|aujourd'?hui|demain matin|dans une heure)\b");

    private const string Wish = @"(je veux|j'?ai envie de|je voudrais|j'?aimerais|je vais|je compte|je pense a|je songe a|j'?ai decide de|j'?ai prevu de|je suis pret(e)? a)";

    // "me tuer à la tâche" is overwork and "en finir avec ce dossier" is a chore; the life is what is named.
    private const string Ending = @"me suicider|me tuer(?! (a la tache|au travail|a force|pour))|en finir(?! avec (?!(la|ma) vie))|mettre fin a mes jours|mettre fin a ma vie|me foutre en l'?air";

    // Ways of dying named beside a wish; "me jeter à l'eau" (taking the plunge) and "me noyer dans le travail" are not.
    private const string Way = @"me pendre|me jeter (sous un train|sous le train|sous le metro|sous une voiture|du pont|d'?un pont|du toit|d'?un toit|par la fenetre|dans le vide)|sauter (du|d'?un) (pont|toit|immeuble|balcon|viaduc)|sauter par la fenetre|sauter dans le vide|m'?ouvrir les veines|me tirer une balle";

    private const string NotForSport = @"(?! (a l'?elastique|en parachute|en parapente|en benji))";

    private const string Partner = @"(mon mari|ma femme|mon copain|ma copine|mon compagnon|ma compagne|mon conjoint|ma conjointe|mon pere|ma mere|mon beau-pere|ma belle-mere|mon ex)";

    /// <summary>Most urgent first: the first rule that fires names the red flag's kind.</summary>
    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new("fr_overdose_taken", RiskLevel.Imminent, RedFlagKind.Medical,
            R(@"\bj'?ai (pris|avale) (toute la boite|toute ma boite|toute la plaquette|tout le tube|toute|toutes|tous|une boite|une plaquette|plein|trop)( de| des)? ?(mes |les |de )?(cachets|medicaments|medocs|comprimes|pilules|somniferes|doliprane|paracetamol)\b|\bj'?ai fait une (overdose|surdose)\b")),
        new("fr_overdose_counted", RiskLevel.Imminent, RedFlagKind.Medical,
            R(@"\bj'?ai (pris|avale) ([1-9][0-9]+|dix|douze|quinze|vingt|trente|quarante|cinquante|une dizaine de|une vingtaine de|une trentaine de|des dizaines de) (cachets|medicaments|medocs|comprimes|pilules|gelules|somniferes|doliprane|paracetamol)\b(?! de (vitamines?|magnesium|fer|zinc|probiotiques))(?!.{0,30}\b(par jour|cette semaine|ce mois|en un mois|sur la semaine|depuis))|\bj'?ai (bu|avale) (de la javel|de l'?eau de javel|du destop|de l'?antigel)\b")),
        new("fr_someone_else_took", RiskLevel.Imminent, RedFlagKind.Medical,
            R(@"\b(il|elle|mon \w+|ma \w+) a (pris|avale) (toute la boite|toute une boite|une boite entiere|toute la plaquette)( de| des)? ?(ses |les |de )?(cachets|medicaments|medocs|comprimes|pilules|somniferes)\b|\b(il|elle|mon \w+|ma \w+) (ne respire plus|respire plus|est inconsciente?)\b(?! (de|du|des|d'))|\bje n'?arrive (pas|plus) a (le|la) reveiller\b(?! (le matin|pour|a temps|avant|chaque|tous les))")),
        new("fr_on_the_edge", RiskLevel.Imminent, RedFlagKind.Suicide,
            R(@"\bje suis (au bord du|au bord de la|en haut du|en haut de la|sur le rebord de la|sur le rebord du) (pont|toit|falaise|vide|fenetre|balcon)\b|\bje suis (allonge|allongee|assis|assise) sur les rails\b")),
        new("fr_means_ready", RiskLevel.Imminent, RedFlagKind.Suicide,
            R(@"\bla corde est prete\b|\bj'?ai prepare (une|la|ma) corde\b|\bj'?ai (sorti|prepare|aligne) (tous )?(mes|les) (cachets|medicaments|comprimes) (pour|sur la table)\b")),
        new("fr_suicide_now", RiskLevel.Imminent, RedFlagKind.Suicide,
            R($@"\b{Wish} ({Ending})"), Now, Negatable: true),
        new("fr_suicide_way_now", RiskLevel.Imminent, RedFlagKind.Suicide, R($@"\b{Wish} ({Way})\b{NotForSport}"), Now, Negatable: true),
        new("fr_suicide_intent", RiskLevel.High, RedFlagKind.Suicide,
            R($@"\b{Wish} ({Ending})|\bme suicider\b|\bpensees? suicidaires?\b|\bidees (noires|suicidaires)\b|\bmettre fin a (mes jours|ma vie)\b"), Negatable: true),
        new("fr_suicide_way", RiskLevel.High, RedFlagKind.Suicide, R($@"\b{Wish} ({Way})\b{NotForSport}"), Negatable: true),
        new("fr_tired_of_living", RiskLevel.High, RedFlagKind.Suicide,
            R(@"\b(marre de vivre|fatiguee? de vivre|lasse? de vivre|a quoi bon vivre|a quoi ca sert de vivre|aucune raison de vivre|disparaitre pour toujours|disparaitre a jamais|disparaitre de ce monde|ne jamais me reveiller)\b|\bmarre de (la|cette) vie(?= ?($|[.,;!?]| je | j'| et | tout))|\benvie d'?en finir(?! avec (?!(la|ma) vie))|\bne plus me reveiller(?= ?($|[.,;!?]| jamais| du tout))|\bj'?ai (ecrit|prepare|laisse|redige) (une|ma|mes|des) lettres? d'?adieu\b|\bje pense (souvent |tout le temps |beaucoup |sans arret )?a (mourir(?! de (rire|honte|faim|froid|chaud|ennui))|la mort(?! d)|ma mort|mon suicide|me suicider)\b|\b(personne|on) ne (remarquerait|verrait) (meme )?(pas )?si je (disparaissais|mourais|n'?etais plus la)\b"), Negatable: true),
        new("fr_wish_to_die", RiskLevel.High, RedFlagKind.Suicide,
            R(@"\b(j'?ai envie de|je veux|je voudrais|j'?aimerais) (mourir|crever)\b(?! de (rire|honte|faim|chaud|froid|ennui|fatigue|peur))|\b(je (ne )?veux plus|j'?ai plus envie de|je n'?ai plus envie de|plus envie de) (vivre|me reveiller|exister)\b|\b(tout le monde|ils|ma famille|mes enfants|mes proches) (serai(en)?t|serai) mieux sans moi\b")),
        new("fr_self_harm", RiskLevel.High, RedFlagKind.SelfHarm,
            R(@"\b(je me|me) (scarifie|scarifier|mutile|mutiler)\b|\bje me suis (scarifiee?|mutilee?)\b|\b(envie de|je veux) me faire du mal\b|\bje me (coupe|brule) (les bras|les poignets|les cuisses|la peau)\b|\bje me suis (coupee?|brulee?) (les bras|les poignets|les cuisses) expres\b|\bje me fais (du mal|mal expres)\b(?! (en|a penser|a regarder|a lire|avec))|\bj'?ai recommence a me (couper|scarifier|mutiler|bruler|faire du mal)\b|\bje me suis (encore )?(coupee?|brulee?|griffee?) (expres|volontairement|pour avoir mal)\b"), Negatable: true),
        new("fr_danger_from_others", RiskLevel.High, RedFlagKind.DangerFromOthers,
            R($@"\b{Partner} (me frappe|me bat|m'?a frappee?|m'?a battue?|m'?a etranglee?|menace de me tuer|a menace de me tuer)\b|\b(il|elle) (m'?a etranglee?|menace de me tuer|a menace de me tuer)\b|\bj'?ai peur qu'?(il|elle) me tue\b|\b(il|elle) me (frappe|cogne)\b(?! par )|\b{Partner} (frappe|bat|cogne) (ma mere|mon pere|ma soeur|mon frere|ma femme|mes enfants|les enfants|mon petit frere|ma petite soeur)\b|\bj'?ai peur de rentrer (chez moi|a la maison)\b(?! (a pied|seule?|en velo|tard|a cette heure|la nuit))")),
        new("fr_harm_to_others", RiskLevel.High, RedFlagKind.HarmToOthers,
            R(@"\bj'?ai (peur de|envie de) (secouer|frapper) (mon bebe|le bebe|mon enfant|mes enfants)\b")),
        new("fr_third_party", RiskLevel.High, RedFlagKind.ThirdParty,
            R(@"\b(mon|ma|mes) (ami|amie|amis|pote|frere|soeur|fils|fille|copain|copine|collegue|mari|femme|pere|mere) (veut|parle de|menace de|pense a) (se suicider|se tuer(?! (a la tache|au travail|a force|pour))|mettre fin a ses jours)\b|\b(il|elle) (veut|parle de|menace de|pense a) (se suicider|mettre fin a ses jours)\b")),
    ];

    /// <summary>The theme vocabularies, as whole words (a trailing * matches any ending).</summary>
    private static readonly Dictionary<string, Regex> Vocabulary = new Dictionary<string, string[]>
    {
        [Themes.Loneliness] = ["seul", "seule", "seuls", "seules", "solitude", "isole*", "personne a qui parler", "pas d'?amis", "aucun ami", "sans amis", "personne ne m'?appelle", "personne ne me parle", "coupee? de tout"],
        [Themes.Work] = ["travail", "boulot", "taf", "job", "patron*", "cheffe?", "manager", "collegue*", "licenci*", "chomage", "bureau", "burn-?out", "carriere", "emploi", "entretien d'embauche", "reunion"],
        [Themes.Relationship] = ["mon copain", "ma copine", "mon mari", "ma femme", "mon compagnon", "ma compagne", "rupture", "separ*", "divorc*", "m'?a quittee?", "on s'?est quittes", "mon ex", "couple", "trompe*", "celibataire"],
        [Themes.Grief] = ["deuil", "deces", "decede*", "enterrement", "funerailles", "obseques", "est mort", "est morte", "mort de (mon|ma)", "perdu (mon|ma) (pere|mere|mari|femme|fils|fille|frere|soeur|ami|amie|chien|chat)", "disparu", "me manque terriblement"],
        [Themes.Anxiety] = ["angoiss*", "anxi*", "stress*", "panique", "crise d'?angoisse", "inquiet*", "j'?ai peur", "boule au ventre", "coeur qui bat"],
        [Themes.LowMood] = ["triste*", "deprim*", "depression", "vide", "cafard", "a plat", "plus gout a rien", "desespoir", "desespere*", "rien ne va", "sans espoir", "epuise*", "a bout"],
        [Themes.Family] = ["famille", "mes parents", "ma mere", "mon pere", "mon frere", "ma soeur", "mes enfants", "mon fils", "ma fille", "belle-mere", "beau-pere", "dispute avec (mes|ma|mon)"],
        [Themes.Money] = ["argent", "dettes?", "loyer", "factures?", "fin du mois", "fins de mois", "decouvert", "huissier*", "credit*", "expulsion", "fauche"],
        [Themes.School] = ["ecole", "lycee", "la fac", "universite", "examens?", "partiels?", "le bac", "mes notes", "profs?", "professeur*", "devoirs", "revisions", "resultats"],
        [Themes.Health] = ["maladie", "malade", "hopital", "medecin", "diagnostic", "cancer", "douleurs?", "chronique", "operation", "traitement", "symptomes"],
        [Themes.Substances] = ["alcool", "boire", "j'?ai bu", "je bois", "drogues?", "cannabis", "joints?", "cocaine", "coke", "rechute", "rechute", "sobre", "sobriete", "sevrage", "addiction", "accro", "abstinent*"],
        [Themes.Abuse] = ["violences?", "violent", "me frappe", "battue?", "harcel*", "agression", "agresse*", "abus*", "viol", "violee?", "emprise", "maltrait*", "insulte tout le temps"],
        [Themes.Identity] = ["gay", "lesbienne", "trans", "homo", "homosexu*", "bisexu*", "orientation", "mon genre", "coming out", "identite", "non-binaire", "queer"],
    }.ToDictionary(
        pair => pair.Key,
        pair => R(@"\b(" + string.Join("|", pair.Value.Select(w => w.EndsWith('*') ? w[..^1] + @"\w*" : w)) + @")\b"));

    /// <summary>Themes found (one word 0.6, two 0.75, three or more 0.9) and the most urgent red-flag rule that fired.</summary>
    public static (ThemeScore[] Themes, Rule? RedFlag) Read(string text)
    {
        var plain = Normalise(text);
        Rule? fired = null;
        foreach (var rule in Rules)
        {
            if (Fires(rule, plain))
            {
                fired = rule;
                break;
            }
        }

        var themes = new List<ThemeScore>();
        foreach (var (theme, words) in Vocabulary)
        {
            var count = words.Count(plain);
            if (count > 0)
            {
                themes.Add(new ThemeScore(theme, count switch { 1 => 0.6, 2 => 0.75, _ => 0.9 }));
            }
        }

        return ([.. themes.OrderByDescending(t => t.Score)], fired);
    }

    private static bool Fires(Rule rule, string plain)
    {
        if (rule.Also is not null && !rule.Also.IsMatch(plain))
        {
            return false;
        }

        foreach (Match match in rule.Pattern.Matches(plain))
        {
            var clauseStart = plain.LastIndexOfAny(['.', ',', ';', '!', '?', '\n'], Math.Max(0, match.Index - 1)) + 1;
            if (!rule.Negatable || !NegatedBefore.IsMatch(plain[clauseStart..match.Index]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case, no accents, straight apostrophes, single spaces.</summary>
    public static string Normalise(string text)
    {
        // Mapped by hand rather than by Unicode decomposition, which the hosts' invariant globalisation leaves undone.
        var plain = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c))
            {
                space = plain.Length > 0;
                continue;
            }

            if (space)
            {
                plain.Append(' ');
                space = false;
            }

            plain.Append(c switch
            {
                'à' or 'â' or 'ä' or 'á' => "a",
                'é' or 'è' or 'ê' or 'ë' => "e",
                'î' or 'ï' or 'í' => "i",
                'ô' or 'ö' or 'ó' => "o",
                'ù' or 'û' or 'ü' or 'ú' => "u",
                'ç' => "c",
                'ÿ' => "y",
                'œ' => "oe",
                'æ' => "ae",
                '\u2019' or '\u2018' or '`' or '\u00b4' => "'",
                _ => c.ToString(),
            });
        }

        return plain.ToString();
    }

    /// <summary>
    /// Whether a message reads as French by its small words (je, pas, les, ...): enough of them, and most of its words.
    /// </summary>
    public static bool LooksFrench(string text)
    {
        var words = Words().Matches(Normalise(text));
        var french = words.Count(w => FrenchWords.Contains(w.Value));
        return french >= 2 && french * 3 >= words.Count;
    }

    private static readonly HashSet<string> FrenchWords =
    [
        "je", "j'", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m'", "moi", "ma", "mon", "mes", "le", "la",
        "les", "l'", "de", "d'", "des", "du", "et", "est", "c'est", "pas", "ne", "n'", "que", "qu'", "qui", "avec", "pour", "dans",
        "sur", "une", "un", "ce", "ca", "cette", "suis", "ai", "j'ai", "plus", "tout", "rien", "mais", "au", "aux", "sa", "son",
        "ses", "se", "s'", "y", "en", "quand", "depuis", "tres", "trop", "peux", "veux", "fait", "etre", "avoir",
    ];

    [GeneratedRegex(@"[a-z]+'|[a-z]+")]
    private static partial Regex Words();
}

/// <summary>
/// The English classifier with the French reading beside it: French themes join the model's, and an explicit French
/// red flag raises the risk the English model cannot read. French words never appear in English messages, so the
/// French reading runs on every message without asking the language first; it only ever adds.
/// </summary>
public sealed class MultilingualClassifier(IMessageClassifier english) : IMessageClassifier
{
    public MessageAnalysis Classify(string text)
    {
        var analysis = english.Classify(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return analysis;
        }

        var (themes, rule) = FrenchReading.Read(text);
        if (themes.Length == 0 && rule is null && !analysis.RedFlag)
        {
            return analysis;
        }

        var merged = analysis.Themes.Concat(themes)
            .GroupBy(t => t.Id)
            .Select(g => new ThemeScore(g.Key, g.Max(t => t.Score)))
            .OrderByDescending(t => t.Score)
            .ToArray();
        if (rule is not null)
        {
            var raises = rule.Level > analysis.Risk.Level;
            return analysis with
            {
                Themes = merged,
                Risk = raises ? analysis.Risk with { Level = rule.Level, Score = 1 } : analysis.Risk,
                RedFlag = true,
                Signals = [.. analysis.Signals, rule.Name],
                Kind = raises || analysis.Signals.Length == 0 ? rule.Kind : analysis.Kind ?? rule.Kind,
            };
        }

        if (analysis.RedFlag && analysis.Signals.Length == 0 && FrenchReading.LooksFrench(text))
        {
            // The English model alone, on French it cannot read: not a red flag, but worrying enough to ask directly,
            // as a counsellor unsure of what was meant would.
            return analysis with
            {
                Themes = merged,
                Risk = analysis.Risk with { Level = RiskLevel.Moderate },
                RedFlag = false,
                Kind = null,
            };
        }

        // Something the person carries is named: at least the low risk an English message naming it is read at.
        var level = analysis.Risk.Level == RiskLevel.None && themes.Length > 0 ? RiskLevel.Low : analysis.Risk.Level;
        return analysis with { Themes = merged, Risk = analysis.Risk with { Level = level } };
    }
}
