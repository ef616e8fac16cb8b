namespace StoriBoard.Classification;

/// <summary>How the model's risk probabilities become a level; shared by training (to tune) and runtime (to decide).</summary>
public static class RiskDecision
{
    /// <summary>
    /// The arg-max level, raised to a red flag when the red-flag signal reaches the red-flag threshold: recall first, so
    /// enough belief in a red flag makes one even when a lower level has the arg-max. The signal is the separate red-flag
    /// head's probability when the model has one (<paramref name="redFlagProbability"/>), else P(high) + P(imminent).
    /// </summary>
    public static RiskLevel Level(ReadOnlySpan<float> probabilities, double redFlagThreshold, float? redFlagProbability = null)
    {
        var level = MostLikely(probabilities);
        var high = probabilities[(int)RiskLevel.High];
        var imminent = probabilities[(int)RiskLevel.Imminent];
        if (level < RiskLevel.High && (redFlagProbability ?? high + imminent) >= redFlagThreshold)
        {
            level = imminent > high ? RiskLevel.Imminent : RiskLevel.High;
        }

        return level;
    }

    /// <summary>The arg-max level: the model's own most likely reading.</summary>
    public static RiskLevel MostLikely(ReadOnlySpan<float> probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return (RiskLevel)best;
    }

    /// <summary>
    /// A red flag is unsure when the model reached it only through its recall-first threshold (its most likely level is
    /// below high) and no safety rule fired. Such a red flag is the only one the verifier may overrule.
    /// </summary>
    public static bool Unsure(RiskLevel level, RiskLevel mostLikely, bool ruleFired) =>
        level.IsRedFlag() && !ruleFired && mostLikely < RiskLevel.High;

    /// <summary>
    /// The level after the second stage: an unsure red flag whose verifier probability falls below the operating point
    /// becomes moderate, so the AI asks directly and a "yes" still makes a red flag. Every other level stands; the
    /// verifier is only asked (<paramref name="verifierRedFlag"/>) for an unsure red flag.
    /// </summary>
    public static RiskLevel Verified(RiskLevel level, RiskLevel mostLikely, bool ruleFired, Func<float> verifierRedFlag, double operatingPoint) =>
        Unsure(level, mostLikely, ruleFired) && verifierRedFlag() < operatingPoint ? RiskLevel.Moderate : level;
}
