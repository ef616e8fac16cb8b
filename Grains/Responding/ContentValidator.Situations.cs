using StoriBoard.Classification;

namespace StoriBoard.Responding;

/// <summary>The same rules for situations as for themes, and ids and addresses unique across both.</summary>
internal static partial class ContentValidator
{
    /// <summary>Content ids that mark an opening as said (see the responder); no library item may take one.</summary>
    public const string OpeningIdPrefix = "opening.";

    public static List<string> CheckSituations(IReadOnlyList<SituationContent> situations, IReadOnlyList<ThemeContent> themes, Exercise[] exercises)
    {
        var problems = new List<string>();
        foreach (var id in Situations.All.Where(id => !situations.Any(s => s.Situation == id)))
        {
            problems.Add($"situation '{id}' has no content (expected situations/{id}.json)");
        }

        foreach (var group in situations.GroupBy(s => s.Situation).Where(g => g.Count() > 1))
        {
            problems.Add($"situation '{group.Key}' is defined in more than one file");
        }

        foreach (var situation in situations)
        {
            CheckSituation(situation, problems);
        }

        var situationIds = situations.SelectMany(s => s.Coping.Select(c => c.Id).Concat(s.Resources.Select(r => r.Id))).ToList();
        var otherIds = themes.SelectMany(t => t.Coping.Select(c => c.Id).Concat(t.Resources.Select(r => r.Id))).Concat(exercises.Select(e => e.Id));
        foreach (var id in situationIds.Where(id => !string.IsNullOrWhiteSpace(id)))
        {
            if (id == ContentLibrary.WelcomeId || id.StartsWith("crisis.", StringComparison.Ordinal) || id.StartsWith(OpeningIdPrefix, StringComparison.Ordinal))
            {
                problems.Add($"id '{id}' is reserved");
            }
        }

        foreach (var group in situationIds.Concat(otherIds).Where(id => !string.IsNullOrWhiteSpace(id)).GroupBy(id => id)
                     .Where(g => g.Count() > 1 && situationIds.Contains(g.Key)))
        {
            problems.Add($"id '{group.Key}' is used {group.Count()} times; ids must be unique");
        }

        var situationUrls = situations.SelectMany(s => s.Resources).Select(r => r.Url.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var group in situations.SelectMany(s => s.Resources).Concat(themes.SelectMany(t => t.Resources))
                     .GroupBy(r => r.Url.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
                     .Where(g => g.Count() > 1 && situationUrls.Contains(g.Key)))
        {
            problems.Add($"resources {string.Join(", ", group.Select(r => $"'{r.Id}'"))} share the url {group.Key}, so one would look like a repeat of the other");
        }

        return problems;
    }

    private static void CheckSituation(SituationContent situation, List<string> problems)
    {
        var where = $"situation '{situation.Situation}'";
        if (!SituationReader.DetailsOf.TryGetValue(situation.Situation, out var details))
        {
            problems.Add($"{where} is not a situation the reader knows ({string.Join(", ", Situations.All)})");
            details = [];
        }

        Text(situation.Label, $"{where}: label", problems);
        foreach (var theme in situation.Themes.Where(t => !Themes.IsKnown(t)))
        {
            problems.Add($"{where}: theme '{theme}' is not a theme of TAXONOMY.md");
        }

        if (!ExerciseFits.All.Contains(situation.ExerciseFit))
        {
            problems.Add($"{where}: exerciseFit '{situation.ExerciseFit}' is not one of {string.Join(", ", ExerciseFits.All)}");
        }

        AtLeast(situation.Reflections, 1, $"{where}: reflections", problems);
        if (situation.Reflections.Length > 0 && situation.Reflections[^1].Needs.Length > 0)
        {
            problems.Add($"{where}: the last reflection must need no detail, so there is always one to say");
        }

        foreach (var reflection in situation.Reflections)
        {
            Text(reflection.Text, $"{where}: a reflection", problems);
            foreach (var unknown in reflection.Needs.Where(n => !details.Contains(n)))
            {
                problems.Add($"{where}: a reflection needs '{unknown}', which is not one of {string.Join(", ", details)}");
            }

            var found = PlaceholderPattern().Matches(reflection.Text ?? "").Select(m => m.Groups[1].Value);
            foreach (var placeholder in found.Where(p => !reflection.Needs.Contains(p)))
            {
                problems.Add($"{where}: reflection '{reflection.Text}' has the placeholder {{{placeholder}}} without needing it");
            }
        }

        Texts(situation.Openings, ContentLibrary.MinOpenings, $"{where}: openings", problems);
        foreach (var opening in situation.Openings.Where(o => !string.IsNullOrWhiteSpace(o)))
        {
            Placeholders(opening, ["reflection"], $"{where}: openings", problems);
        }

        Texts(situation.LivedExperience, 1, $"{where}: livedExperience", problems);
        StepsAndReading(situation.Coping, situation.Resources, where, problems);
    }
}
