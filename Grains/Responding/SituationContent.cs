namespace StoriBoard.Responding;

/// <summary>Everything the library holds for one situation of <see cref="Classification.Situations"/> (one file under content/situations).</summary>
/// <param name="Label">How a supporter reads the situation.</param>
/// <param name="Themes">The themes whose own tips this situation's replace: results day is not met with the school theme's study tips.</param>
/// <param name="ExerciseFit">The state this situation usually brings (an <see cref="ExerciseFits"/> value).</param>
/// <param name="Reflections">How to say back what the person said, most detailed first; the last needs no detail.</param>
/// <param name="Openings">First sentences of a reply, each with the {reflection} placeholder; one is never said twice in a conversation.</param>
/// <param name="LivedExperience">What a peer "has been through", to say who could help.</param>
public sealed record SituationContent(
    string Situation,
    string Label,
    string[] Themes,
    string ExerciseFit,
    Reflection[] Reflections,
    string[] Openings,
    string[] LivedExperience,
    CopingStrategy[] Coping,
    Resource[] Resources)
{
    /// <summary>The most detailed reflection whose details were all read, filled with the reader's own phrases.</summary>
    public string Reflect(IReadOnlyDictionary<string, string> details)
    {
        var reflection = Reflections.First(r => r.Needs.All(details.ContainsKey));
        return reflection.Needs.Aggregate(reflection.Text, (text, name) => text.Replace($"{{{name}}}", details[name], StringComparison.Ordinal));
    }
}

/// <param name="Needs">The details (names from <see cref="Classification.SituationReader.DetailsOf"/>) this wording needs.</param>
/// <param name="Text">A clause that follows "so" or "that" ("your boss humiliated you {where}"), placeholders only for needed details.</param>
public sealed record Reflection(string[] Needs, string Text);
