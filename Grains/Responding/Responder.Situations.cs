using StoriBoard.Classification;

namespace StoriBoard.Responding;

/// <summary>Replies to a situation the person described: their own words said back, then steps and reading made for it.</summary>
public sealed partial class Responder
{
    private const int SituationCoping = 2;
    private const int SituationResources = 2;

    private AiReply SituationReply(ReplyContext context, SituationReading reading)
    {
        var situation = library.Situation(reading.Situation);
        var themes = Known(context.Latest.Themes.Length > 0 ? context.Latest.Themes : context.ConversationThemes);
        // The situation's own steps stand in for the themes it speaks for; any other theme named still gets one of its own.
        var others = themes.Where(t => !situation.Themes.Contains(t.Theme)).ToList();
        var first = !situation.Coping.Any(c => context.AlreadyOffered.Contains(c.Id));
        string SaidBack(ReplyDraft draft) => Fresh(situation.Situation, situation.Openings, context, draft)
            .Replace("{reflection}", situation.Reflect(reading.Details), StringComparison.Ordinal);

        // A setting with no themes of its own (a sleepless night) is not the whole story when the person tells of more:
        // what they carry is named first, and the setting is said back after it.
        var bundleGiven = context.AlreadyOffered.Any(id => library.Item(id)?.Kind == MessagePartKind.Coping);
        if (situation.Themes.Length == 0 && others.Count > 0 && !bundleGiven)
        {
            return SettingReply(context, situation, others, SaidBack);
        }

        var draft = new ReplyDraft(context, Say.Headings);
        // The situation and two more heavy things at once count as three, as in a first reply to themes.
        var connect = HumanWouldHelp(context, themes) || others.Count >= MaxThemes - 1;
        var opening = SaidBack(draft);
        // Someone who has been through this very situation, not whatever else the words brushed against.
        string[] people = [situation.LivedExperience[context.SeekerMessageCount % situation.LivedExperience.Length]];
        draft.Acknowledge(opening, PeerWordsNaming(context, people, connect, offerAnyway: first), SafetyReminder(context), first ? null : Pick(Say.Questions, context));

        foreach (var coping in situation.Coping.Where(c => !draft.Offered(c.Id)).Take(first ? SituationCoping : 1))
        {
            draft.Coping(coping);
        }

        if (first)
        {
            draft.Coping(FreshCoping(context, others).FirstOrDefault());
        }

        var state = SeekerIntent.SpeaksOfNight(context.Text) ? ExerciseFits.Night : situation.ExerciseFit;
        if (first || state is ExerciseFits.Night or ExerciseFits.Anxiety)
        {
            draft.Exercise(ChooseExercise(context, state));
        }

        foreach (var resource in situation.Resources.Where(r => !draft.Offered(r.Id)).Take(first ? SituationResources : 1))
        {
            draft.Resource(resource);
        }

        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }

    /// <summary>The first reply's shape for themes (one step for each, their reading), with the setting said back and one step for it.</summary>
    private AiReply SettingReply(ReplyContext context, SituationContent setting, IReadOnlyList<ThemeContent> themes, Func<ReplyDraft, string> saidBack)
    {
        var draft = new ReplyDraft(context, Say.Headings);
        var connect = HumanWouldHelp(context, themes) || themes.Count >= MaxThemes;
        draft.Acknowledge(Acknowledgement(context, themes, draft), saidBack(draft), PeerWords(context, themes, connect, offerAnyway: true), SafetyReminder(context));
        foreach (var coping in FreshCoping(context, themes).Take(Math.Min(themes.Count, MaxCoping - 1)))
        {
            draft.Coping(coping);
        }

        draft.Coping(setting.Coping.FirstOrDefault(c => !draft.Offered(c.Id)));
        draft.Exercise(ChooseExercise(context, setting.ExerciseFit));
        foreach (var theme in themes)
        {
            draft.Resource(theme.Resources.FirstOrDefault(r => !draft.Offered(r.Id)));
        }

        return draft.Build(connect && context.Status == ConversationStatus.Ai);
    }
}
