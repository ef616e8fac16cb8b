using StoriBoard.Classification;

namespace StoriBoard.Tests.Classification;

/// <summary>The second stage's decision rule: it may overrule an unsure red flag, and nothing else.</summary>
[Trait("Tier", "Unit")]
public sealed class VerifierDecisionTests
{
    private const double OperatingPoint = 0.01;

    [Theory]
    [InlineData(RiskLevel.High)]
    [InlineData(RiskLevel.Imminent)]
    public void An_unsure_red_flag_the_verifier_reads_as_none_becomes_moderate(RiskLevel level) =>
        Assert.Equal(RiskLevel.Moderate, RiskDecision.Verified(level, RiskLevel.None, ruleFired: false, () => 0.001f, OperatingPoint));

    [Fact]
    public void An_unsure_red_flag_the_verifier_is_not_confident_about_stands() =>
        Assert.Equal(RiskLevel.Imminent, RiskDecision.Verified(RiskLevel.Imminent, RiskLevel.Low, ruleFired: false, () => 0.02f, OperatingPoint));

    [Fact]
    public void A_red_flag_a_safety_rule_stands_behind_is_never_overruled_nor_verified() =>
        Assert.Equal(RiskLevel.Imminent, RiskDecision.Verified(RiskLevel.Imminent, RiskLevel.None, ruleFired: true, NeverAsked, OperatingPoint));

    [Theory]
    [InlineData(RiskLevel.High)]
    [InlineData(RiskLevel.Imminent)]
    public void A_red_flag_the_model_is_sure_of_is_never_overruled_nor_verified(RiskLevel mostLikely) =>
        Assert.Equal(RiskLevel.High, RiskDecision.Verified(RiskLevel.High, mostLikely, ruleFired: false, NeverAsked, OperatingPoint));

    [Theory]
    [InlineData(RiskLevel.None)]
    [InlineData(RiskLevel.Moderate)]
    public void A_level_below_a_red_flag_is_left_alone(RiskLevel level) =>
        Assert.Equal(level, RiskDecision.Verified(level, level, ruleFired: false, NeverAsked, OperatingPoint));

    [Fact]
    public void Unsure_means_a_red_flag_reached_only_by_the_threshold_with_no_rule()
    {
        Assert.True(RiskDecision.Unsure(RiskLevel.High, RiskLevel.Moderate, ruleFired: false));
        Assert.False(RiskDecision.Unsure(RiskLevel.High, RiskLevel.High, ruleFired: false));
        Assert.False(RiskDecision.Unsure(RiskLevel.High, RiskLevel.Moderate, ruleFired: true));
        Assert.False(RiskDecision.Unsure(RiskLevel.Moderate, RiskLevel.Moderate, ruleFired: false));
    }

    private static float NeverAsked() => throw new InvalidOperationException("the verifier was asked about a red flag it may not overrule");
}
