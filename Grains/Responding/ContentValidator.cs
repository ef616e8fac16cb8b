using System.Text.RegularExpressions;

namespace StoriBoard.Responding;

/// <summary>Finds every problem in a freshly read library, described so an editor can fix it without reading code.</summary>
internal static partial class ContentValidator
{
    private static readonly (string Name, Func<Phrases, string[]> Get, string[] Placeholders)[] PhraseGroups =
    [
        ("welcome", p => p.Welcome, []),
        ("acknowledgeOne", p => p.AcknowledgeOne, ["themes"]),
        ("acknowledgeMany", p => p.AcknowledgeMany, ["themes"]),
        ("acknowledgeGeneral", p => p.AcknowledgeGeneral, []),
        ("followUp", p => p.FollowUp, ["themes"]),
        ("followUpGeneral", p => p.FollowUpGeneral, []),
        ("questions", p => p.Questions, []),
        ("peerOffer", p => p.PeerOffer, ["people"]),
        ("planOffer", p => p.PlanOffer, []),
        ("peerConnecting", p => p.PeerConnecting, ["people"]),
        ("peerConnectingGeneral", p => p.PeerConnectingGeneral, []),
        ("peerOnTheWay", p => p.PeerOnTheWay, []),
        ("safetyCheck", p => p.SafetyCheck, []),
        ("redFlagHigh", p => p.RedFlagHigh, []),
        ("redFlagImminent", p => p.RedFlagImminent, ["emergency"]),
        ("redFlagWithPeer", p => p.RedFlagWithPeer, []),
        ("crisisReminder", p => p.CrisisReminder, ["contact", "emergency"]),
        ("waitingNext", p => p.WaitingNext, ["wait"]),
        ("waitingInLine", p => p.WaitingInLine, ["position", "wait"]),
        ("waitingNobodyOnline", p => p.WaitingNobodyOnline, ["contact"]),
        ("waitingStill", p => p.WaitingStill, ["wait"]),
        ("ask.thoughtsOfSuicide", p => p.Ask.ThoughtsOfSuicide, []),
        ("ask.safeNow", p => p.Ask.SafeNow, []),
        ("ask.takenAnything", p => p.Ask.TakenAnything, []),
        ("ask.someoneWithYou", p => p.Ask.SomeoneWithYou, []),
        ("askAgain.thoughtsOfSuicide", p => p.AskAgain.ThoughtsOfSuicide, []),
        ("askAgain.safeNow", p => p.AskAgain.SafeNow, []),
        ("askAgain.takenAnything", p => p.AskAgain.TakenAnything, []),
        ("askAgain.someoneWithYou", p => p.AskAgain.SomeoneWithYou, []),
        ("redFlagByKind.selfHarm", p => p.RedFlagByKind.SelfHarm, ["emergency"]),
        ("redFlagByKind.dangerFromOthers", p => p.RedFlagByKind.DangerFromOthers, ["emergency"]),
        ("redFlagByKind.harmToOthers", p => p.RedFlagByKind.HarmToOthers, ["emergency"]),
        ("redFlagByKind.medical", p => p.RedFlagByKind.Medical, ["emergency"]),
        ("redFlagByKind.thirdParty", p => p.RedFlagByKind.ThirdParty, ["emergency"]),
        ("meansAdvice", p => p.MeansAdvice, []),
    ];


    public static List<string> Check(
        IReadOnlyList<ThemeContent> themes, ExerciseCatalogue? exercises, CrisisDirectory? crisis, Phrases? phrases)
    {
        var problems = new List<string>();
        CheckThemes(themes, problems);
        if (exercises is not null)
        {
            CheckExercises(exercises.Exercises, problems);
        }

        CheckIds(themes, exercises?.Exercises ?? [], problems);
        if (crisis is not null)
        {
            CheckCrisisLines(crisis, problems);
        }

        if (phrases is not null)
        {
            CheckPhrases(phrases, problems);
        }

        return problems;
    }

    private static void CheckThemes(IReadOnlyList<ThemeContent> themes, List<string> problems)
    {
        foreach (var id in Themes.All.Where(id => !themes.Any(t => t.Theme == id)))
        {
            problems.Add($"theme '{id}' has no content (expected themes/{id}.json)");
        }

        foreach (var group in themes.GroupBy(t => t.Theme).Where(g => g.Count() > 1))
        {
            problems.Add($"theme '{group.Key}' is defined in more than one file");
        }

        foreach (var theme in themes)
        {
            var where = $"theme '{theme.Theme}'";
            if (!Themes.IsKnown(theme.Theme))
            {
                problems.Add($"{where} is not a theme of TAXONOMY.md");
            }

            Text(theme.Label, $"{where}: label", problems);
            if (!ExerciseFits.All.Contains(theme.ExerciseFit))
            {
                problems.Add($"{where}: exerciseFit '{theme.ExerciseFit}' is not one of {string.Join(", ", ExerciseFits.All)}");
            }

            Texts(theme.Acknowledgements, ContentLibrary.MinAcknowledgements, $"{where}: acknowledgements", problems);
            Texts(theme.LivedExperience, 1, $"{where}: livedExperience", problems);
            StepsAndReading(theme.Coping, theme.Resources, where, problems);
        }

        foreach (var group in themes.SelectMany(t => t.Resources).GroupBy(r => r.Url.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1))
        {
            problems.Add($"resources {string.Join(", ", group.Select(r => $"'{r.Id}'"))} share the url {group.Key}, so one would look like a repeat of the other");
        }
    }

    private static void CheckExercises(Exercise[] exercises, List<string> problems)
    {
        AtLeast(exercises, ContentLibrary.MinExercises, "exercises", problems);
        foreach (var exercise in exercises)
        {
            var where = $"exercise '{exercise.Id}'";
            Text(exercise.Title, $"{where}: title", problems);
            Texts(exercise.Steps, 2, $"{where}: steps", problems);
            if (exercise.Fits.Length == 0)
            {
                problems.Add($"{where}: says nothing about when it fits");
            }

            foreach (var fit in exercise.Fits.Where(f => !ExerciseFits.All.Contains(f)))
            {
                problems.Add($"{where}: fit '{fit}' is not one of {string.Join(", ", ExerciseFits.All)}");
            }
        }

        foreach (var fit in ExerciseFits.All)
        {
            var needed = fit == ExerciseFits.Waiting ? ContentLibrary.MinWaitingExercises : 1;
            var count = exercises.Count(e => e.Fits.Contains(fit));
            if (count < needed)
            {
                problems.Add($"exercises: {count} fit '{fit}', at least {needed} needed");
            }
        }
    }

    private static void CheckIds(IReadOnlyList<ThemeContent> themes, Exercise[] exercises, List<string> problems)
    {
        var ids = themes.SelectMany(t => t.Coping.Select(c => c.Id).Concat(t.Resources.Select(r => r.Id)))
            .Concat(exercises.Select(e => e.Id))
            .ToList();
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add("a coping strategy, resource or exercise has an empty id");
            }
            else if (id == ContentLibrary.WelcomeId || id.StartsWith("crisis.", StringComparison.Ordinal) || id.StartsWith(OpeningIdPrefix, StringComparison.Ordinal))
            {
                problems.Add($"id '{id}' is reserved");
            }
        }

        foreach (var group in ids.Where(id => !string.IsNullOrWhiteSpace(id)).GroupBy(id => id).Where(g => g.Count() > 1))
        {
            problems.Add($"id '{group.Key}' is used {group.Count()} times; ids must be unique");
        }
    }

    private static void CheckCrisisLines(CrisisDirectory crisis, List<string> problems)
    {
        var codes = crisis.Regions.SelectMany(r => r.Aliases.Prepend(r.Region)).ToList();
        foreach (var group in codes.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"crisis lines: region code '{group.Key}' is used more than once");
        }

        foreach (var required in ContentLibrary.RequiredRegions.Append(crisis.Fallback)
                     .Where(r => !codes.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"crisis lines: region '{required}' is missing");
        }

        foreach (var region in crisis.Regions)
        {
            var where = $"crisis lines for '{region.Region}'";
            var isFallback = string.Equals(region.Region, crisis.Fallback, StringComparison.OrdinalIgnoreCase);
            Text(region.Region, "crisis lines: a region code", problems);
            Text(region.Emergency, $"{where}: emergency number", problems);
            Text(region.ImmediateDanger, $"{where}: immediateDanger", problems);
            foreach (var line in region.Lines)
            {
                Text(line.Name, $"{where}: a line's name", problems);
                Text(line.Description, $"{where}: line '{line.Name}' description", problems);
                if (line.Phone is null && line.Text is null && line.Web is null)
                {
                    problems.Add($"{where}: line '{line.Name}' has no phone, text or web");
                }

                foreach (var kind in (line.For ?? []).Where(k => !RedFlagKindIds.AllIds.Contains(k)))
                {
                    problems.Add($"{where}: line '{line.Name}' is for '{kind}', which is not a red-flag kind ({string.Join(", ", RedFlagKindIds.AllIds)})");
                }

                OptionalText(line.Phone, $"{where}: line '{line.Name}' phone", problems);
                OptionalText(line.Text, $"{where}: line '{line.Name}' text", problems);
                if (line.Web is not null)
                {
                    Url(line.Web, $"{where}: line '{line.Name}' web", problems);
                }
            }

            // No single number reaches every country, so the fallback may point to a directory of helplines instead.
            if (isFallback ? !region.Lines.Any(l => l.Phone is not null || l.Web is not null) : !region.Lines.Any(l => l.Phone is not null && l.For is null))
            {
                problems.Add(isFallback ? $"{where}: no line with a phone or web address" : $"{where}: no line with a phone number");
            }
        }
    }

    private static void CheckPhrases(Phrases phrases, List<string> problems)
    {
        foreach (var (name, get, placeholders) in PhraseGroups)
        {
            var templates = get(phrases);
            Texts(templates, 1, $"phrases: {name}", problems);
            foreach (var template in templates.Where(t => !string.IsNullOrWhiteSpace(t)))
            {
                Placeholders(template, placeholders, $"phrases: {name}", problems);
            }
        }

        var h = phrases.Headings;
        foreach (var (name, value) in new[] { ("coping", h.Coping), ("exercise", h.Exercise), ("resources", h.Resources), ("crisis", h.Crisis), ("emergency", h.Emergency) })
        {
            Text(value, $"phrases: headings.{name}", problems);
        }

        Text(h.Call, "phrases: headings.call", problems);
        Placeholders(h.Call, ["phone"], "phrases: headings.call", problems);
        if (phrases.Contact is { } contact)
        {
            foreach (var (name, value, placeholder) in new[] { ("call", contact.Call, "phone"), ("text", contact.Text, "text"), ("web", contact.Web, "web") })
            {
                Text(value, $"phrases: contact.{name}", problems);
                Placeholders(value, ["name", placeholder], $"phrases: contact.{name}", problems);
            }
        }

        var w = phrases.WaitTimes;
        foreach (var (name, value) in new[] { ("soon", w.Soon), ("underAMinute", w.UnderAMinute), ("aboutAMinute", w.AboutAMinute), ("overAnHour", w.OverAnHour) })
        {
            Text(value, $"phrases: waitTimes.{name}", problems);
            Placeholders(value, [], $"phrases: waitTimes.{name}", problems);
        }

        Text(w.Minutes, "phrases: waitTimes.minutes", problems);
        Placeholders(w.Minutes, ["minutes"], "phrases: waitTimes.minutes", problems);
    }

    private static void Placeholders(string template, string[] expected, string where, List<string> problems)
    {
        var found = PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in expected.Where(p => !found.Contains(p)))
        {
            problems.Add($"{where}: a phrase lacks the {{{missing}}} placeholder");
        }

        foreach (var unknown in found.Where(p => !expected.Contains(p)))
        {
            problems.Add($"{where}: a phrase has an unknown placeholder {{{unknown}}}");
        }
    }

    private static void Url(string? value, string where, List<string> problems)
    {
        var wellFormed = value is not null
            && value == value.Trim()
            && Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Contains('.', StringComparison.Ordinal)
            && !value.Any(char.IsWhiteSpace);
        if (!wellFormed)
        {
            problems.Add($"{where} '{value}' is not an absolute http(s) address");
        }
    }

    private static void Text(string? value, string where, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{where} is empty");
        }
    }

    private static void OptionalText(string? value, string where, List<string> problems)
    {
        if (value is not null)
        {
            Text(value, where, problems);
        }
    }

    private static void Texts(string[] values, int atLeast, string where, List<string> problems)
    {
        var count = values.Count(v => !string.IsNullOrWhiteSpace(v));
        if (count < atLeast)
        {
            problems.Add($"{where}: {count} given, at least {atLeast} needed");
        }

        if (count < values.Length)
        {
            problems.Add($"{where}: {values.Length - count} empty entries");
        }
    }

    private static void AtLeast<T>(T[] values, int atLeast, string where, List<string> problems)
    {
        if (values.Length < atLeast)
        {
            problems.Add($"{where}: {values.Length} given, at least {atLeast} needed");
        }
    }

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex PlaceholderPattern();

    /// <summary>A theme's or a situation's coping steps and resources: enough of each, every one complete.</summary>
    private static void StepsAndReading(CopingStrategy[] copings, Resource[] resources, string where, List<string> problems)
    {
        AtLeast(copings, ContentLibrary.MinCoping, $"{where}: coping strategies", problems);
        foreach (var coping in copings)
        {
            Text(coping.Title, $"{where}: coping '{coping.Id}' title", problems);
            Text(coping.Text, $"{where}: coping '{coping.Id}' text", problems);
        }

        AtLeast(resources, ContentLibrary.MinResources, $"{where}: resources", problems);
        foreach (var resource in resources)
        {
            Text(resource.Title, $"{where}: resource '{resource.Id}' title", problems);
            Text(resource.Description, $"{where}: resource '{resource.Id}' description", problems);
            Url(resource.Url, $"{where}: resource '{resource.Id}' url", problems);
        }
    }
}
