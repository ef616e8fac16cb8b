using StoriBoard.Classification;

namespace StoriBoard.Responding;

/// <summary>
/// Composes the AI's messages from the content library: which pieces, in what order, shaped by the risk.
/// Wording varies with the seeker's message count, so a conversation reads naturally yet every reply is reproducible.
/// </summary>
public sealed partial class Responder(ContentLibrary library) : IResponder
{
    private const int MaxThemes = 3;
    private const int MaxCoping = 3;

    private Phrases Say => library.Phrases;

    public AiReply? Reply(ReplyContext context)
    {
        var risk = context.TurnRisk;
        if (context.Status is ConversationStatus.Peer or ConversationStatus.Ended)
        {
            // A person is talking now; only a red flag is worth interrupting them for.
            return risk.IsRedFlag() ? RedFlagBesidePeer(context, risk) : null;
        }

        if (risk.IsRedFlag())
        {
            return RedFlag(context, risk);
        }

        if (context.ConversationRisk.IsRedFlag())
        {
            return AfterRedFlag(context, Known(context.Latest.Themes.Length > 0 ? context.Latest.Themes : context.ConversationThemes));
        }

        if (context.Ask is not null)
        {
            return SafetyCheck(context);
        }

        if (library.HasSituations && SituationReader.Read(context.Text) is { } situation)
        {
            return SituationReply(context, situation);
        }

        var latest = Known(context.Latest.Themes);
        if (latest.Count == 0 && risk == RiskLevel.None)
        {
            // The welcome opens a conversation; once anything has been said, a greeting or a thank-you gets a short answer.
            return context.AlreadyOffered.Count > 0 ? Conversational(context) : Welcome(context);
        }

        var themes = latest.Count > 0 ? latest : Known(context.ConversationThemes);
        if (themes.Count == 0)
        {
            return Unthemed(context);
        }

        var bundleGiven = context.AlreadyOffered.Any(id => library.Item(id)?.Kind == MessagePartKind.Coping);
        return bundleGiven ? FollowUp(context, themes, latest) : FirstBundle(context, themes);
    }

    /// <summary>
    /// Where the person stands in the queue, only what is true: with nobody online who could take the chat, no time is
    /// promised and what there is instead is named. <paramref name="still"/> speaks again when the wait runs long.
    /// </summary>
    public AiReply WhileWaiting(ReplyContext context, QueueStanding standing, bool still = false)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        if (standing.NobodyOnline)
        {
            draft.Acknowledge(Pick(Say.WaitingNobodyOnline, context).Replace("{contact}", CrisisLine(context).Contact, StringComparison.Ordinal));
        }
        else
        {
            var wait = WaitInWords(standing.EstimatedWaitSeconds);
            var line = still ? Pick(Say.WaitingStill, context)
                : standing.Position <= 1 ? Pick(Say.WaitingNext, context)
                : Pick(Say.WaitingInLine, context)
                    .Replace("{position}", standing.Position.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            draft.Acknowledge(line.Replace("{wait}", wait, StringComparison.Ordinal), SafetyReminder(context));
        }

        if (!still)
        {
            draft.Exercise(ChooseExercise(context, ExerciseFits.Waiting));
        }

        return draft.Build(connectPeer: false);
    }

    private AiReply FirstBundle(ReplyContext context, IReadOnlyList<ThemeContent> themes)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        // Three heavy things at once is already a lot to hold with an AI alone.
        var connect = HumanWouldHelp(context, themes) || themes.Count >= MaxThemes;
        draft.Acknowledge(Acknowledgement(context, themes, draft), PeerWords(context, themes, connect, offerAnyway: true), SafetyReminder(context));

        // One strategy per theme, so each thing named is also met with something to do; two when only one theme is named.
        var copingWanted = Math.Clamp(themes.Count, 2, MaxCoping);
        foreach (var coping in FreshCoping(context, themes).Take(copingWanted))
        {
            draft.Coping(coping);
        }

        draft.Exercise(ChooseExercise(context, StateOf(context, themes)));
        foreach (var theme in themes)
        {
            draft.Resource(theme.Resources.FirstOrDefault(r => !draft.Offered(r.Id)));
        }

        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }

    private AiReply FollowUp(ReplyContext context, IReadOnlyList<ThemeContent> themes, IReadOnlyList<ThemeContent> latest)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var connect = HumanWouldHelp(context, latest);
        draft.Acknowledge(
            Fresh("followUp", Say.FollowUp, context, draft).Replace("{themes}", ThemePhrases(context, themes), StringComparison.Ordinal),
            PeerWords(context, themes, connect, offerAnyway: false),
            SafetyReminder(context),
            Pick(Say.Questions, context));
        draft.Coping(FreshCoping(context, themes).FirstOrDefault());

        // Acute states deserve a fresh exercise even in a short reply.
        var state = StateOf(context, themes);
        if (state == ExerciseFits.Night || latest.Any(t => t.Theme == Themes.Anxiety))
        {
            draft.Exercise(ChooseExercise(context, state));
        }

        // A theme met for the first time gets its reading too.
        var newTheme = themes.FirstOrDefault(t => !t.Resources.Any(r => draft.Offered(r.Id)));
        draft.Resource(newTheme?.Resources.FirstOrDefault());
        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }

    private AiReply Unthemed(ReplyContext context)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var connect = HumanWouldHelp(context, []);
        draft.Acknowledge(
            Fresh("acknowledgeGeneral", Say.AcknowledgeGeneral, context, draft),
            PeerWords(context, [], connect, offerAnyway: false),
            SafetyReminder(context),
            Pick(Say.Questions, context));
        draft.Exercise(ChooseExercise(context, StateOf(context, [])));
        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }

    public AiReply OfferPlanStep(ReplyContext context)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        draft.Acknowledge(Pick(Say.PlanOffer, context));
        return draft.Build(connectPeer: false);
    }

    private AiReply Welcome(ReplyContext context)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var connect = SeekerIntent.AsksForPerson(context.Text);
        draft.Acknowledge(Pick(Say.Welcome, context), PeerWords(context, [], connect, offerAnyway: false));
        draft.Remember(ContentLibrary.WelcomeId);
        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }

    private AiReply Conversational(ReplyContext context)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var connect = SeekerIntent.AsksForPerson(context.Text);
        draft.Acknowledge(Fresh("followUpGeneral", Say.FollowUpGeneral, context, draft), PeerWords(context, [], connect, offerAnyway: false), SafetyReminder(context));
        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }

    /// <summary>A direct question, as crisis services ask it, with the crisis lines in view.</summary>
    private AiReply SafetyCheck(ReplyContext context)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var themes = Known(context.ConversationThemes);
        var question = context.Ask == DirectQuestion.ThoughtsOfSuicide && !context.AskingAgain
            ? Pick(Say.SafetyCheck, context)
            : Question(context);
        draft.Acknowledge(question, PeerWords(context, themes, connect: true, offerAnyway: false));
        draft.CrisisLines(library.CrisisLinesFor(context.Region), emergencyFirst: false);
        return draft.Build(connectPeer: true);
    }

    /// <summary>The red flag's own words and lines: emergency services first when an act is under way.</summary>
    private AiReply RedFlag(ReplyContext context, RiskLevel risk)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var region = library.CrisisLinesFor(context.Region);
        var kind = context.Kind ?? RedFlagKind.Suicide;
        if (context.Unsure)
        {
            // Not sure what was meant: ask, with every line in view; a person trained for crises is sought all the same.
            draft.CrisisLines(region, emergencyFirst: false, kind);
            draft.Acknowledge(context.Ask == DirectQuestion.ThoughtsOfSuicide ? Pick(Say.SafetyCheck, context) : Question(context),
                Pick(Say.PeerOnTheWay, context));
            return draft.Build(connectPeer: true);
        }

        draft.CrisisLines(region, emergencyFirst: risk == RiskLevel.Imminent || kind == RedFlagKind.Medical, kind);
        var opening = Say.RedFlagByKind.For(kind) is { } words
            ? Pick(words, context)
            : Pick(risk == RiskLevel.Imminent ? Say.RedFlagImminent : Say.RedFlagHigh, context);
        var meansAdvice = context.MeansSpoken && kind is RedFlagKind.Suicide or RedFlagKind.SelfHarm ? Pick(Say.MeansAdvice, context) : null;
        draft.Acknowledge(opening.Replace("{emergency}", region.Emergency, StringComparison.Ordinal), meansAdvice, Question(context));
        return draft.Build(connectPeer: true);
    }

    private AiReply RedFlagBesidePeer(ReplyContext context, RiskLevel risk)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var kind = context.Kind ?? RedFlagKind.Suicide;
        draft.CrisisLines(library.CrisisLinesFor(context.Region), emergencyFirst: risk == RiskLevel.Imminent || kind == RedFlagKind.Medical, kind);
        draft.Acknowledge(Pick(Say.RedFlagWithPeer, context));
        return draft.Build(connectPeer: false);
    }

    /// <summary>The direct question of this turn in words, first asking or again in other words; null when none is due.</summary>
    private string? Question(ReplyContext context) => context.Ask is { } question
        ? Pick((context.AskingAgain ? Say.AskAgain : Say.Ask).For(question), context)
        : null;

    /// <summary>Once a red flag has been raised the person is being routed to a trained supporter: stay close, keep the lines in view, offer no tips.</summary>
    private AiReply AfterRedFlag(ReplyContext context, IReadOnlyList<ThemeContent> themes)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var opening = themes.Count > 0
            ? Pick(Say.FollowUp, context).Replace("{themes}", ThemePhrases(context, themes), StringComparison.Ordinal)
            : Pick(Say.FollowUpGeneral, context);
        draft.Acknowledge(opening, Pick(Say.PeerOnTheWay, context), SafetyReminder(context), Question(context));
        return draft.Build(connectPeer: false);
    }

    private string Acknowledgement(ReplyContext context, IReadOnlyList<ThemeContent> themes, ReplyDraft draft) =>
        (themes.Count == 1 ? Fresh("acknowledgeOne", Say.AcknowledgeOne, context, draft) : Fresh("acknowledgeMany", Say.AcknowledgeMany, context, draft))
            .Replace("{themes}", ThemePhrases(context, themes), StringComparison.Ordinal);

    private string ThemePhrases(ReplyContext context, IReadOnlyList<ThemeContent> themes) =>
        Sentences.JoinAsList(themes.Select((theme, i) => theme.Acknowledgements[(context.SeekerMessageCount + i) % theme.Acknowledgements.Length]), Say.And);

    /// <summary>Who could help, in lived-experience terms; a promise when connecting, an offer otherwise, and nothing twice.</summary>
    private string? PeerWords(ReplyContext context, IReadOnlyList<ThemeContent> themes, bool connect, bool offerAnyway) =>
        PeerWordsNaming(context, themes.Select(t => t.LivedExperience[context.SeekerMessageCount % t.LivedExperience.Length]).Distinct().ToList(), connect, offerAnyway);

    /// <summary>Who could help, named by what they have been through (<paramref name="people"/>; none names no one).</summary>
    private string? PeerWordsNaming(ReplyContext context, IReadOnlyList<string> people, bool connect, bool offerAnyway)
    {
        if (context.Status == ConversationStatus.Waiting)
        {
            return Pick(Say.PeerOnTheWay, context);
        }

        if (!connect && !offerAnyway)
        {
            return null;
        }

        if (people.Count == 0)
        {
            return connect ? Pick(Say.PeerConnectingGeneral, context) : null;
        }

        return Pick(connect ? Say.PeerConnecting : Say.PeerOffer, context).Replace("{people}", Sentences.JoinAsList(people, Say.And), StringComparison.Ordinal);
    }

    /// <summary>After any sign of risk, every later reply keeps one way to reach a crisis line in view.</summary>
    private string? SafetyReminder(ReplyContext context)
    {
        if (context.HighestRisk < RiskLevel.Moderate)
        {
            return null;
        }

        var (contact, emergency) = CrisisLine(context);
        return Pick(Say.CrisisReminder, context)
            .Replace("{contact}", contact, StringComparison.Ordinal)
            .Replace("{emergency}", emergency, StringComparison.Ordinal);
    }

    /// <summary>How to reach the region's first crisis line, in words that follow "you can", and its emergency number.</summary>
    private (string Contact, string Emergency) CrisisLine(ReplyContext context)
    {
        var region = library.CrisisLinesFor(context.Region);
        var line = region.Lines.FirstOrDefault(l => l.Phone is not null) ?? region.Lines[0];
        var contact = Say.Contact is { } words ? Contact(words, line) : line switch
        {
            { Phone: { } phone } => $"call {line.Name} on {phone}",
            { Text: { } text } => $"{char.ToLowerInvariant(text[0])}{text[1..]} ({line.Name})",
            _ => $"reach {line.Name} at {line.Web}",
        };
        return (contact, region.Emergency);
    }

    private static string Contact(ContactWords words, CrisisLine line) =>
        (line.Phone is not null ? words.Call : line.Text is not null ? words.Text : words.Web)
            .Replace("{name}", line.Name, StringComparison.Ordinal)
            .Replace("{phone}", line.Phone, StringComparison.Ordinal)
            .Replace("{text}", line.Text, StringComparison.Ordinal)
            .Replace("{web}", line.Web, StringComparison.Ordinal);

    /// <summary>
    /// A person helps more than another tip when the same troubles keep coming back, when distress climbs,
    /// or when the seeker asks for one.
    /// </summary>
    private bool HumanWouldHelp(ReplyContext context, IReadOnlyList<ThemeContent> themes) =>
        SeekerIntent.AsksForPerson(context.Text) || DistressRising(context.RecentRisk) || ThemesPersist(context, themes);

    private bool ThemesPersist(ReplyContext context, IReadOnlyList<ThemeContent> themes) =>
        context.AlreadyOffered.Select(library.Item).Any(item => item?.Theme is { } theme && themes.Any(t => t.Theme == theme));

    /// <summary>
    /// Distress climbed above a level already distressed earlier (low then moderate, even if now low again);
    /// the first step from a greeting into the story is not a rise.
    /// </summary>
    private static bool DistressRising(IReadOnlyList<RiskLevel> history)
    {
        RiskLevel? calmest = null;
        foreach (var level in history)
        {
            if (level > calmest)
            {
                return true;
            }

            if (level >= RiskLevel.Low && (calmest is null || level < calmest))
            {
                calmest = level;
            }
        }

        return false;
    }

    private string StateOf(ReplyContext context, IReadOnlyList<ThemeContent> themes)
    {
        if (SeekerIntent.SpeaksOfNight(context.Text))
        {
            return ExerciseFits.Night;
        }

        var scores = context.Latest.Themes.ToDictionary(t => t.Id, t => t.Score);
        return themes
            .GroupBy(t => t.ExerciseFit)
            .Select(g => (Fit: g.Key, Weight: g.Sum(t => scores.GetValueOrDefault(t.Theme, 0.5))))
            .OrderByDescending(g => g.Weight)
            .Select(g => g.Fit)
            .FirstOrDefault() ?? ExerciseFits.Anxiety;
    }

    /// <summary>The fresh exercise that suits the state best (an exercise lists its fits best first), else any fresh one.</summary>
    private Exercise? ChooseExercise(ReplyContext context, string fit)
    {
        var fresh = library.Exercises.Where(e => !context.AlreadyOffered.Contains(e.Id)).ToList();
        return fresh.Where(e => e.Fits.Contains(fit)).OrderBy(e => Array.IndexOf(e.Fits, fit)).FirstOrDefault()
            ?? fresh.FirstOrDefault();
    }

    /// <summary>Strategies not yet given, taking turns between the themes so the first ones cover all of them.</summary>
    private static IEnumerable<CopingStrategy> FreshCoping(ReplyContext context, IReadOnlyList<ThemeContent> themes)
    {
        var queues = themes.Select(t => new Queue<CopingStrategy>(t.Coping.Where(c => !context.AlreadyOffered.Contains(c.Id)))).ToList();
        while (queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues.Where(q => q.Count > 0))
            {
                yield return queue.Dequeue();
            }
        }
    }

    private List<ThemeContent> Known(IEnumerable<ThemeScore> scores) =>
        scores.Where(s => library.Covers(s.Id))
            .OrderByDescending(s => s.Score)
            .Select(s => s.Id)
            .Distinct()
            .Take(MaxThemes)
            .Select(library.Theme)
            .ToList();

    private string WaitInWords(int seconds)
    {
        var w = Say.WaitTimes;
        return seconds switch
        {
            <= 0 => w.Soon,
            < 45 => w.UnderAMinute,
            < 90 => w.AboutAMinute,
            <= 3600 => w.Minutes.Replace("{minutes}", ((int)Math.Round(seconds / 60.0)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            _ => w.OverAnHour,
        };
    }

    private static string Pick(string[] options, ReplyContext context) => options[context.SeekerMessageCount % options.Length];

    /// <summary>
    /// An opening not yet said in this conversation, taking turns as <see cref="Pick"/> does; the draft remembers it as a
    /// content id, so the conversation keeps the record. Only when every one has been said does one come round again.
    /// </summary>
    private static string Fresh(string group, string[] options, ReplyContext context, ReplyDraft draft)
    {
        for (var i = 0; i < options.Length; i++)
        {
            var index = (context.SeekerMessageCount + i) % options.Length;
            var id = $"{ContentValidator.OpeningIdPrefix}{group}.{index}";
            if (!context.AlreadyOffered.Contains(id))
            {
                draft.Remember(id);
                return options[index];
            }
        }

        return Pick(options, context);
    }
}
