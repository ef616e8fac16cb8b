using StoriBoard.Classification;

namespace StoriBoard.Tests.Classification;

[Trait("Tier", "Unit")]
public sealed class RedFlagKindsTests
{
    [Theory]
    [InlineData("I keep thinking about killing myself", RedFlagKind.Suicide)]
    [InlineData("I cut myself again tonight, it's deeper this time", RedFlagKind.SelfHarm)]
    [InlineData("I've taken all the tablets in the drawer", RedFlagKind.Medical)]
    [InlineData("my dad hits my mum when he drinks and I'm scared to go home", RedFlagKind.DangerFromOthers)]
    [InlineData("I want to hurt him so badly I keep picturing it", RedFlagKind.HarmToOthers)]
    [InlineData("my best friend says she wants to die and she's stopped answering", RedFlagKind.ThirdParty)]
    [InlineData("my brother has taken a load of pills and won't wake up", RedFlagKind.ThirdParty)]
    public void The_kind_follows_who_is_in_danger_and_from_what(string text, RedFlagKind kind)
    {
        Assert.Equal(kind, RedFlagKinds.Infer(text, [], []));
    }

    [Theory]
    [InlineData("overdose_taken", RedFlagKind.Medical)]
    [InlineData("someone_unresponsive", RedFlagKind.Medical)]
    [InlineData("danger_from_other", RedFlagKind.DangerFromOthers)]
    [InlineData("held_against_their_will", RedFlagKind.DangerFromOthers)]
    [InlineData("harm_to_others", RedFlagKind.HarmToOthers)]
    public void A_safety_rule_names_its_kind(string signal, RedFlagKind kind)
    {
        Assert.Equal(kind, RedFlagKinds.Infer("it is happening", [signal], []));
    }

    [Fact]
    public void Explicit_words_decide_before_the_kind_model_and_the_model_before_the_default()
    {
        // Someone else at risk is read from the words, whatever the model says.
        Assert.Equal(RedFlagKind.ThirdParty, RedFlagKinds.Infer(
            "my best friend says she wants to die and she's stopped answering", [], [], model: RedFlagKind.Suicide));

        // Words that name no kind: the model's reading stands, not the suicide default.
        Assert.Equal(RedFlagKind.DangerFromOthers, RedFlagKinds.Infer("it's happening again tonight", [], [], model: RedFlagKind.DangerFromOthers));
        Assert.Equal(RedFlagKind.Suicide, RedFlagKinds.Infer("it's happening again tonight", [], []));
    }
}
