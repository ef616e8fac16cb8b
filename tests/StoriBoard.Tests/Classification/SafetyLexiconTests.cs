using StoriBoard.Classification;
using Xunit;

namespace StoriBoard.Tests.Classification;

[Trait("Tier", "Unit")]
public sealed class SafetyLexiconTests
{
    private static LexiconVerdict Assess(string text) => SafetyLexicon.Default.Assess(text);

    [Theory]
    [InlineData("i want to kill myself")]
    [InlineData("I keep thinking about ending my life")]
    [InlineData("im gonna kms")]
    [InlineData("been feeling really suicidal again this week")]
    [InlineData("I can't stop thinking about killing myself")]
    [InlineData("I can't promise I won't kill myself tonight")]
    [InlineData("I cut myself again last night")]
    [InlineData("I'm going to jump off the bridge near my flat")]
    [InlineData("some nights I just want to drink myself to death")]
    public void Explicit_statements_are_red_flags(string text) =>
        Assert.True(Assess(text).Floor.IsRedFlag());

    [Theory]
    [InlineData("I've been saving up my tablets for a while now")]
    [InlineData("wrote goodbye letters to my mum and my sister")]
    [InlineData("I've started giving my things away, my guitar went to my cousin")]
    [InlineData("spent the night looking up bridge heights")]
    [InlineData("don't worry, I won't be a problem much longer")]
    [InlineData("googled how many paracetamol it takes")]
    [InlineData("I've put my affairs in order and left the passwords with my sister")]
    [InlineData("paid everyone back this week. nothing left to sort now")]
    [InlineData("thanks for everything you lot did, I won't need to message again")]
    [InlineData("just look after the kids for me")]
    [InlineData("I keep thinking about ending it and I know how I'd do it")]
    [InlineData("looked up how tall the multi storey by the station is")]
    [InlineData("I've made arrangements.")]
    [InlineData("getting my paperwork in order so it's less of a burden for whoever finds me")]
    [InlineData("one more week like this and I'm logging off for good. irl")]
    [InlineData("I've talked other people down before but I can't talk myself down tonight")]
    [InlineData("part of me wants to fly off the top of the car park by work")]
    [InlineData("thinking of one last hit, big enough that I don't wake up")]
    [InlineData("thanks for everything this year, I won't need the service after this weekend")]
    [InlineData("how high does a bridge need to be")]
    public void Coded_language_is_a_red_flag(string text) =>
        Assert.Equal(RiskLevel.High, Assess(text).Floor);

    [Theory]
    [InlineData("I've already taken all my tablets", "overdose_taken")]
    [InlineData("just took a whole box of paracetamol", "overdose_taken")]
    [InlineData("I'm standing on the bridge", "at_a_height")]
    [InlineData("going to do it tonight, nobody will stop me", "intent_right_now")]
    [InlineData("the pills are lined up in front of me", "means_at_hand")]
    [InlineData("by the time you read this it will be done", "by_the_time_you_read_this")]
    [InlineData("injected the whole bag, don't ring anyone", "overdose_taken")]
    [InlineData("had a few cans then all my sertraline", "overdose_taken")]
    [InlineData("the rope is up and I'm looking at it", "rope_is_up")]
    [InlineData("swallowing the co codamol one by one as I type", "overdose_as_they_type")]
    [InlineData("my girlfriend's not breathing, we took something at the party", "someone_unresponsive")]
    [InlineData("he took a load of pills and I can't wake him", "someone_unresponsive")]
    [InlineData("mate overdosed and wont wake up", "someone_unresponsive")]
    public void Imminence_cues_are_imminent(string text, string signal)
    {
        var verdict = Assess(text);
        Assert.Equal(RiskLevel.Imminent, verdict.Floor);
        Assert.Contains(signal, verdict.Signals);
    }

    [Theory]
    [InlineData("he's outside the door with a knife", RiskLevel.Imminent)]
    [InlineData("my husband has got a knife and he's screaming", RiskLevel.Imminent)]
    [InlineData("he hits me and I'm scared to go home", RiskLevel.High)]
    [InlineData("my boyfriend threatened to kill me if I leave", RiskLevel.High)]
    [InlineData("my big brother hits me when nobody's home", RiskLevel.High)]
    [InlineData("he knelt on my chest last night till I couldn't breathe", RiskLevel.High)]
    [InlineData("the agency man has my passport and I cannot go out of the house alone", RiskLevel.High)]
    [InlineData("my stepdad locked me in again", RiskLevel.High)]
    public void Danger_from_someone_else_is_a_red_flag(string text, RiskLevel expected) =>
        Assert.Equal(expected, Assess(text).Floor);

    [Theory]
    [InlineData("I'm going to hurt him when he gets home", RiskLevel.High)]
    [InlineData("I want to kill my neighbour", RiskLevel.High)]
    [InlineData("I'm going to stab him tonight", RiskLevel.Imminent)]
    [InlineData("I lie awake working out ways to make her pay", RiskLevel.High)]
    [InlineData("I want to burn his flat down with him in it", RiskLevel.High)]
    [InlineData("I keep picturing a pillow over her face when she cries at night", RiskLevel.High)]
    public void Harm_to_others_is_a_red_flag(string text, RiskLevel expected) =>
        Assert.Equal(expected, Assess(text).Floor);

    [Theory]
    [InlineData("I'm not going to kill myself, I just need to vent")]
    [InlineData("I would never hurt myself, I just feel flat")]
    [InlineData("Not suicidal, not self harming, nothing like that. Just can't stop worrying about my son.")]
    [InlineData("It's not like I want to die, I just want this exam season to be over")]
    [InlineData("I'm not going to hurt him, obviously, I'm just so angry")]
    [InlineData("no intention of ending my life, I promise")]
    public void Negated_statements_do_not_fire(string text) =>
        Assert.False(Assess(text).Floor.IsRedFlag());

    [Theory]
    [InlineData("this exam is killing me")]
    [InlineData("I could die of embarrassment")]
    [InlineData("my mum is going to kill me when she sees my grades")]
    [InlineData("I'd kill for a coffee right now")]
    [InlineData("bored to death in this lecture")]
    [InlineData("dying to see my friends this weekend")]
    [InlineData("my feet are killing me after that shift")]
    [InlineData("I absolutely killed it in the interview")]
    [InlineData("cut myself shaving this morning, great start")]
    public void Idioms_are_not_risk(string text)
    {
        Assert.Equal(RiskLevel.None, Assess(text).Floor);
        Assert.True(SafetyLexicon.Default.HasIdiom(text));
    }

    [Theory]
    [InlineData("I tried to kill myself two years ago and I'm doing so much better now", "suicidal_statement_past")]
    [InlineData("used to self harm when i was at school", "self_harm_past")]
    public void Past_attempts_are_recorded_but_left_to_the_model(string text, string signal)
    {
        // Recovery stories are labelled low or moderate by what the person says of now, which the model reads.
        var verdict = Assess(text);
        Assert.False(verdict.Floor.IsRedFlag());
        Assert.Contains(signal, verdict.Signals);
    }

    [Theory]
    [InlineData("no urge to harm myself, I just feel flat")]
    [InlineData("my counsellor asked about suicidal thoughts and I said no")]
    [InlineData("I want to strangle my flatmate, he ate my food again. Not literally, before anyone panics")]
    [InlineData("I'm on the rooftop bar at work drinks and I feel left out")]
    [InlineData("thinking about ending it with him, he cheated again")]
    [InlineData("tied up loose ends at work before my holiday")]
    [InlineData("won't need to message again tonight, thank you so much")]
    [InlineData("she took everything in the divorce, even the dog")]
    [InlineData("looking up how tall the Shard is for our trip, I hate heights")]
    [InlineData("we've made arrangements for the kids over half term")]
    [InlineData("getting my paperwork in order for the mortgage")]
    [InlineData("logging off for the night, thanks for the chat")]
    [InlineData("I can't wake up in the mornings since the new job")]
    [InlineData("I can't wake him up for school, every single day")]
    [InlineData("won't need the service anymore because I'm doing so much better")]
    [InlineData("taking my tablets now, night all")]
    [InlineData("we locked us in the spare room to get some peace from the kids, ha")]
    [InlineData("the passport office has had my documents for six weeks")]
    public void Hard_negatives_do_not_fire(string text) =>
        Assert.Equal(RiskLevel.None, Assess(text).Floor);

    [Theory]
    [InlineData("everyone would be better off without me")]
    [InlineData("I wish I could go to sleep and not wake up")]
    public void Passive_thoughts_are_moderate(string text) =>
        Assert.Equal(RiskLevel.Moderate, Assess(text).Floor);

    [Theory]
    [InlineData("hello, is anyone there?")]
    [InlineData("I'm so stressed about work and my boss keeps shouting")]
    [InlineData("my brother died by suicide last year and I miss him")]
    [InlineData("took my tablets this morning like the doctor said")]
    public void Everyday_messages_do_not_fire(string text) =>
        Assert.False(Assess(text).Floor.IsRedFlag());

    [Fact]
    public void Floor_only_rules_raise_the_risk_but_are_not_features_of_the_model()
    {
        var floorOnly = SafetyRules.Rules.Where(rule => !rule.Cue).ToArray();
        Assert.NotEmpty(floorOnly);
        Assert.Equal((SafetyRules.Rules.Count - floorOnly.Length) * 2 + 3, RiskCues.Count);

        const string text = "the rope is up and I'm looking at it";
        var verdict = Assess(text);
        var cues = new float[RiskCues.Count];
        RiskCues.Read(verdict, text, cues);
        Assert.Equal(RiskLevel.Imminent, verdict.Floor);
        Assert.All(cues, cue => Assert.Equal(0, cue));
    }

    [Fact]
    public void Signals_are_rule_names_never_text()
    {
        var text = "I've already taken all my tablets and written goodbye letters";
        var verdict = Assess(text);
        Assert.NotEmpty(verdict.Signals);
        var names = SafetyRules.Rules.SelectMany(r => new[] { r.Name, r.Name + "_past" }).ToHashSet();
        Assert.All(verdict.Signals, s => Assert.Contains(s, names));
    }
}
