namespace StoriBoard.Responding;

/// <summary>Everything the library holds for one theme of TAXONOMY.md (one file under content/themes).</summary>
/// <param name="Label">How a supporter reads the theme on a hand-off card.</param>
/// <param name="ExerciseFit">The state this theme usually brings (an <see cref="ExerciseFits"/> value), to pick an exercise.</param>
/// <param name="Acknowledgements">Noun phrases naming what the person carries, joinable with other themes' into one sentence.</param>
/// <param name="LivedExperience">What a peer "has been through", to say who could help.</param>
public sealed record ThemeContent(
    string Theme,
    string Label,
    string ExerciseFit,
    string[] Acknowledgements,
    string[] LivedExperience,
    CopingStrategy[] Coping,
    Resource[] Resources);

public sealed record CopingStrategy(string Id, string Title, string Text);

public sealed record Resource(string Id, string Title, string Description, string Url);

/// <param name="Fits">When the exercise helps (<see cref="ExerciseFits"/> values), where it helps most first.</param>
public sealed record Exercise(string Id, string Title, string[] Fits, string[] Steps);

public sealed record ExerciseCatalogue(Exercise[] Exercises);

/// <summary>The states an exercise can be fitted to.</summary>
public static class ExerciseFits
{
    public const string Anxiety = "anxiety";
    public const string LowMood = "low_mood";
    public const string Night = "night";
    public const string Waiting = "waiting";

    public static readonly IReadOnlyList<string> All = [Anxiety, LowMood, Night, Waiting];
}

/// <param name="Fallback">The region used when the person's region has no entry of its own.</param>
public sealed record CrisisDirectory(string Fallback, CrisisRegion[] Regions);

/// <param name="Region">ISO 3166 code, or the fallback's code.</param>
/// <param name="Emergency">The emergency number as it reads in a sentence ("999").</param>
/// <param name="ImmediateDanger">What to do when life is in danger right now.</param>
public sealed record CrisisRegion(
    string Region,
    string[] Aliases,
    string Emergency,
    string ImmediateDanger,
    CrisisLine[] Lines);

/// <param name="For">The red-flag kinds this line is for (wire ids, e.g. danger_from_others); null for every kind.</param>
public sealed record CrisisLine(string Name, string Description, string? Phone, string? Text, string? Web, string[]? For = null);

/// <summary>The short phrasings the responder composes with. Placeholders in braces are filled in by the responder.</summary>
/// <param name="And">The word that joins the last two items of a list.</param>
public sealed record Phrases(
    string[] Welcome,
    string[] AcknowledgeOne,
    string[] AcknowledgeMany,
    string[] AcknowledgeGeneral,
    string[] FollowUp,
    string[] FollowUpGeneral,
    string[] Questions,
    string[] PeerOffer,
    string[] PlanOffer,
    string[] PeerConnecting,
    string[] PeerConnectingGeneral,
    string[] PeerOnTheWay,
    string[] SafetyCheck,
    string[] RedFlagHigh,
    string[] RedFlagImminent,
    string[] RedFlagWithPeer,
    string[] CrisisReminder,
    string[] WaitingNext,
    string[] WaitingInLine,
    string[] WaitingNobodyOnline,
    string[] WaitingStill,
    Headings Headings,
    WaitTimes WaitTimes,
    QuestionWords Ask,
    QuestionWords AskAgain,
    KindWords RedFlagByKind,
    string[] MeansAdvice,
    ContactWords? Contact = null,
    string And = "and");

/// <summary>
/// How a crisis line is offered after "you can" in the library's language ({name}, {phone}, {text}, {web} filled in);
/// absent in the English library, which words it in code.
/// </summary>
public sealed record ContactWords(string Call, string Text, string Web);

/// <summary>Ways to ask each direct question; <see cref="Phrases.AskAgain"/> asks again in other words.</summary>
public sealed record QuestionWords(string[] ThoughtsOfSuicide, string[] SafeNow, string[] TakenAnything, string[] SomeoneWithYou)
{
    public string[] For(DirectQuestion question) => question switch
    {
        DirectQuestion.ThoughtsOfSuicide => ThoughtsOfSuicide,
        DirectQuestion.SafeNow => SafeNow,
        DirectQuestion.TakenAnything => TakenAnything,
        _ => SomeoneWithYou,
    };
}

/// <summary>What the AI says first to each kind of red flag other than suicide (which has RedFlagHigh and RedFlagImminent).</summary>
public sealed record KindWords(string[] SelfHarm, string[] DangerFromOthers, string[] HarmToOthers, string[] Medical, string[] ThirdParty)
{
    public string[]? For(RedFlagKind kind) => kind switch
    {
        RedFlagKind.SelfHarm => SelfHarm,
        RedFlagKind.DangerFromOthers => DangerFromOthers,
        RedFlagKind.HarmToOthers => HarmToOthers,
        RedFlagKind.Medical => Medical,
        RedFlagKind.ThirdParty => ThirdParty,
        _ => null,
    };
}

/// <param name="Call">What follows a crisis line's description when it has a phone number ({phone}).</param>
public sealed record Headings(string Coping, string Exercise, string Resources, string Crisis, string Emergency, string Call = "Call {phone}.");

public sealed record WaitTimes(string Soon, string UnderAMinute, string AboutAMinute, string Minutes, string OverAnHour);
