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
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        var level = (RiskLevel)best;
        var high = probabilities[(int)RiskLevel.High];
        var imminent = probabilities[(int)RiskLevel.Imminent];
        if (level < RiskLevel.High && (redFlagProbability ?? high + imminent) >= redFlagThreshold)
        {
            level = imminent > high ? RiskLevel.Imminent : RiskLevel.High;
        }

        return level;
    }
}
