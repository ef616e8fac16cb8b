using StoriBoard.Classification;
using StoriBoard.Languages;
using StoriBoard.Responding;
using StoriBoard.Tests.Responding;
using static StoriBoard.Tests.Languages.LanguageKit;
using static StoriBoard.Tests.Responding.ResponderTestKit;

namespace StoriBoard.Tests.Languages;

/// <summary>Replies in the conversation's language from its own library, and the short answer for other languages.</summary>
[Trait("Tier", "Unit")]
public sealed class LanguageResponderTests
{
    private readonly LanguageResponder responder = NewLanguageResponder();

    private static readonly string[] EnglishHeadings =
        [Library.Phrases.Headings.Coping, Library.Phrases.Headings.Exercise, Library.Phrases.Headings.Resources, Library.Phrases.Headings.Crisis];

    [Fact]
    public void The_french_library_is_complete_and_offers_what_the_english_one_offers()
    {
        foreach (var theme in Themes.All)
        {
            Assert.Equal(Library.Theme(theme).Coping.Select(c => c.Id), French.Theme(theme).Coping.Select(c => c.Id));
            Assert.Equal(Library.Theme(theme).ExerciseFit, French.Theme(theme).ExerciseFit);
        }

        Assert.Equal(Library.Exercises.Select(e => e.Id), French.Exercises.Select(e => e.Id));
        foreach (var region in ContentLibrary.RequiredRegions.Concat(["FR", "BE", "CH"]))
        {
            Assert.Equal(region, French.CrisisLinesFor(region).Region);
        }
    }

    [Fact]
    public void Someone_lonely_after_a_move_is_answered_in_french_about_loneliness()
    {
        const string text = "Je me sens très seul depuis que j'ai déménagé";
        var (themes, _) = FrenchReading.Read(text);
        var reply = new SimulatedConversation(responder, region: "FR", language: "fr")
            .Send(text, Analysis(RiskLevel.Low, [.. themes.Select(t => (t.Id, t.Score))]))!;

        var loneliness = French.Theme(Themes.Loneliness);
        Assert.Contains(loneliness.Acknowledgements, phrase => reply.Parts[0].Text.Contains(phrase, StringComparison.Ordinal));
        Assert.All(reply.OfKind(MessagePartKind.Coping), part => Assert.Contains(loneliness.Coping, c => c.Title == part.Title));
        Assert.Equal(French.Exercises.Single(e => e.Id == "exercise.gentle-reset").Title, reply.OfKind(MessagePartKind.Exercise).Single().Title);
        Assert.Contains(reply.OfKind(MessagePartKind.Resource), r => loneliness.Resources.Any(l => l.Url == r.Url));
        Assert.Contains(French.Phrases.Headings.Coping, reply.Text, StringComparison.Ordinal);
        Assert.All(EnglishHeadings, heading => Assert.DoesNotContain(heading, reply.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("Box breathing", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_is_sought_for_every_french_conversation_since_only_clear_statements_of_risk_are_read_in_french()
    {
        const string french = "Je me sens très seul depuis que j'ai déménagé";
        var reply = new SimulatedConversation(responder, region: "FR", language: "fr")
            .Send(french, Analysis(RiskLevel.Low, (Themes.Loneliness, 0.9)))!;
        Assert.True(reply.ConnectPeer);

        const string english = "I feel very lonely since I moved";
        var inEnglish = new SimulatedConversation(responder, region: "GB", language: "en")
            .Send(english, Analysis(RiskLevel.Low, (Themes.Loneliness, 0.9)))!;
        Assert.False(inEnglish.ConnectPeer);
    }

    [Fact]
    public void A_french_conversation_that_meets_an_english_situations_cue_is_answered_from_the_french_themes()
    {
        Assert.False(French.HasSituations);
        const string text = "I relapsed last night after two years sober, je me déteste";
        Assert.NotNull(SituationReader.Read(text));

        var reply = new SimulatedConversation(responder, region: "FR", language: "fr")
            .Send(text, Analysis(RiskLevel.Low, (Themes.LowMood, 0.8)))!;

        Assert.Contains(French.Theme(Themes.LowMood).Acknowledgements, phrase => reply.Parts[0].Text.Contains(phrase, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FR", "3114", "le 15 ou le 112")]
    [InlineData("BE", "0800 32 123", "le 112")]
    [InlineData("CH", "143", "le 144 ou le 112")]
    [InlineData("GB", "116 123", "le 999")]
    public void A_french_red_flag_gets_the_regions_lines_in_french_and_a_trained_person(string region, string phone, string emergency)
    {
        var reply = new SimulatedConversation(responder, region, language: "fr")
            .Send("Je vais en finir ce soir", Analysis(RiskLevel.Imminent, (Themes.LowMood, 0.7)) with { Kind = RedFlagKind.Suicide })!;

        Assert.True(reply.ConnectPeer);
        Assert.Equal(MessagePartKind.Crisis, reply.Parts[0].Kind);
        Assert.Contains(reply.OfKind(MessagePartKind.Crisis), p => p.Text.Contains($"Appelez le {phone}.", StringComparison.Ordinal));
        var words = reply.OfKind(MessagePartKind.Acknowledgement).Single().Text;
        Assert.Contains($"ppelez {emergency} maintenant", words, StringComparison.Ordinal);
        Assert.Contains("personne formée", words, StringComparison.Ordinal);
        Assert.DoesNotContain(" Call ", reply.Text, StringComparison.Ordinal);
        Assert.Empty(reply.OfKind(MessagePartKind.Coping));
    }

    [Fact]
    public void A_wait_is_told_in_french()
    {
        var conversation = new SimulatedConversation(responder, "FR", ConversationStatus.Waiting, language: "fr");
        var context = conversation.Context(string.Empty, MessageAnalysis.Unclassified);

        var next = responder.WhileWaiting(context, new QueueStanding(1, 240));
        var nobody = responder.WhileWaiting(context, new QueueStanding(1, 0, NobodyOnline: true));

        Assert.Contains("environ 4 minutes", next.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains(French.Phrases.WaitingNext, w => next.Parts[0].Text.StartsWith(w.Split("{wait}")[0], StringComparison.Ordinal));
        Assert.Contains(French.Phrases.WaitingNobodyOnline, w => nobody.Parts[0].Text.StartsWith(w.Split("{contact}")[0], StringComparison.Ordinal));
        Assert.Contains("vous pouvez appeler le 3114 (Numéro national de prévention du suicide)", nobody.Parts[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("minutes", nobody.Parts[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "116 123", "999")]
    [InlineData("es", "116 123", "999")]
    [InlineData("pl", "116 123", "999")]
    [InlineData("ar", "116 123", "999")]
    public void A_language_not_served_gets_a_short_answer_in_it_once_and_a_person_every_time(string spoken, string line, string emergency)
    {
        var conversation = new SimulatedConversation(responder, "GB") { Spoken = spoken };
        var first = conversation.Send("…", Analysis(RiskLevel.None))!;
        var second = conversation.Send("…", Analysis(RiskLevel.None))!;

        var answer = first.Parts[0].Text;
        Assert.StartsWith(Others.Answer(spoken)![..4], answer, StringComparison.Ordinal);
        Assert.Contains("English, français", answer, StringComparison.Ordinal);
        Assert.Contains($"Samaritans ({line})", answer, StringComparison.Ordinal);
        Assert.Contains(emergency, answer, StringComparison.Ordinal);
        Assert.True(first.ConnectPeer);
        Assert.StartsWith(answer, first.Text, StringComparison.Ordinal);
        Assert.Contains(LanguageResponder.OtherLanguageId(spoken), first.ContentIds);

        Assert.DoesNotContain(second.Parts, p => p.Text == answer);
    }

    [Fact]
    public void A_language_not_served_in_a_region_without_its_own_lines_points_to_the_directory()
    {
        var reply = new SimulatedConversation(responder, "DE") { Spoken = "de" }.Send("…", Analysis(RiskLevel.None))!;

        Assert.Contains("Find A Helpline (https://findahelpline.com)", reply.Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conversation_in_a_language_with_no_library_is_answered_in_the_default_one()
    {
        var reply = new SimulatedConversation(responder, language: "de").Send("hello", Analysis(RiskLevel.None))!;

        Assert.Contains(Library.Phrases.Welcome, w => w == reply.Parts[0].Text);
    }
}
