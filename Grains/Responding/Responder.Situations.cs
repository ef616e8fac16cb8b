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

        // A setting with no themes of its own (a sleepless night) is not the story when the person tells of more:
        // what they carry is named first, and the setting is said back after it.
        var bundleGiven = context.AlreadyOffered.Any(id => library.Item(id)?.Kind == MessagePartKind.Coping);
        if (situation.Themes.Length == 0 && others.Count >= 2 && !bundleGiven)
        {
            return FirstBundle(context, others, SaidBack);
        }

        var draft = new ReplyDraft(context, Say.Headings);
        var connect = HumanWouldHelp(context, themes) || others.Count >= MaxThemes - 1;
        var opening = SaidBack(draft);
        var people = others.Select(t => t.LivedExperience[context.SeekerMessageCount % t.LivedExperience.Length])
            .Prepend(situation.LivedExperience[context.SeekerMessageCount % situation.LivedExperience.Length])
            .Distinct()
            .Take(2)
            .ToList();
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
}
