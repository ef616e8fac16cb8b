namespace StoriBoard.Conversations;

/// <summary>
/// What the conversation's safety judgement remembers between turns: the question the AI asked last and what was
/// answered, the red flag's kind, and every change of risk with who made it and why (bounded).
/// </summary>
[GenerateSerializer, Alias("StoriBoard.Conversations.SafetyState")]
public sealed class SafetyState
{
    public const int ChangesKept = 30;

    /// <summary>The direct question the AI asked in its last reply, awaiting the seeker's answer.</summary>
    [Id(0)] public DirectQuestion? Pending { get; set; }

    /// <summary>The pending question is the second asking, in other words, after an unclear answer.</summary>
    [Id(1)] public bool AskedAgain { get; set; }

    /// <summary>Questions already asked in this conversation: none is asked twice, beyond one asking in other words.</summary>
    [Id(2)] public HashSet<DirectQuestion> Asked { get; set; } = [];

    /// <summary>The seeker said no to thoughts of suicide; calmer messages since then let a moderate risk fall.</summary>
    [Id(3)] public bool DeniedThoughtsOfSuicide { get; set; }

    [Id(4)] public int CalmSinceDenial { get; set; }

    [Id(5)] public RedFlagKind? Kind { get; set; }

    /// <summary>Means or a plan were spoken of (pills saved, a rope): the AI asks for them to be put out of reach.</summary>
    [Id(6)] public bool MeansSpoken { get; set; }

    /// <summary>A time was spoken of (tonight, when they're asleep).</summary>
    [Id(8)] public bool TimeSpoken { get; set; }

    /// <summary>With means, a plan or a time, a yes to the question is imminent.</summary>
    public bool MeansOrTime => MeansSpoken || TimeSpoken;

    [Id(7)] public List<RiskChange> Changes { get; set; } = [];

    public void Record(RiskChange change)
    {
        Changes.Add(change);
        if (Changes.Count > ChangesKept)
        {
            Changes.RemoveAt(0);
        }
    }
}
