using StoriBoard.Responding;
using Xunit;
using static StoriBoard.Tests.Responding.ResponderTestKit;

namespace StoriBoard.Tests.Responding;

[Trait("Tier", "Unit")]
public sealed class ResponderTests
{
    private const string TwoAmStory =
        "It's 2am and I can't sleep. They're restructuring at work and I think my job is going. "
        + "My girlfriend left three months ago and honestly I've got nobody. The flat is so quiet.";

    private static readonly MessageAnalysis TwoAmAnalysis =
        Analysis(RiskLevel.Low, (Themes.Work, 0.91), (Themes.Relationship, 0.84), (Themes.Loneliness, 0.77));

    private readonly Responder responder = NewResponder();

    [Fact]
    public void The_2am_story_is_met_with_all_three_themes_in_one_sentence_and_something_to_do()
    {
        var reply = new SimulatedConversation(responder).Send(TwoAmStory, TwoAmAnalysis)!;

        Assert.Equal(MessagePartKind.Acknowledgement, reply.Parts[0].Kind);
        var opening = reply.Parts[0].Text.Split(". ")[0];
        foreach (var theme in new[] { Themes.Work, Themes.Relationship, Themes.Loneliness })
        {
            Assert.Contains(Library.Theme(theme).Acknowledgements, phrase => opening.Contains(phrase, StringComparison.Ordinal));
        }

        Assert.InRange(reply.OfKind(MessagePartKind.Coping).Count(), 1, 3);
        Assert.Single(reply.OfKind(MessagePartKind.Exercise));
        Assert.Equal("Quieting racing thoughts at night", reply.OfKind(MessagePartKind.Exercise).Single().Title);
        var resources = reply.OfKind(MessagePartKind.Resource).Select(r => r.Url).ToList();
        Assert.Contains(resources, url => Library.Theme(Themes.Work).Resources.Any(r => r.Url == url));
        Assert.Contains(resources, url => Library.Theme(Themes.Relationship).Resources.Any(r => r.Url == url));
        Assert.Equal(
            [MessagePartKind.Acknowledgement, MessagePartKind.Coping, MessagePartKind.Exercise, MessagePartKind.Resource],
            reply.Parts.Select(p => p.Kind).Distinct());
        Assert.Empty(reply.OfKind(MessagePartKind.Crisis));
        Assert.All(reply.Parts.Where(p => p.Kind != MessagePartKind.Acknowledgement), p => Assert.Contains(p.Text, reply.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Three_heavy_themes_at_once_bring_a_peer_named_by_lived_experience()
    {
        var reply = new SimulatedConversation(responder).Send(TwoAmStory, TwoAmAnalysis)!;

        Assert.True(reply.ConnectPeer);
        Assert.Contains("has been through", reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains(Library.Theme(Themes.Relationship).LivedExperience, lived => reply.Parts[0].Text.Contains(lived, StringComparison.Ordinal));
    }

    [Fact]
    public void One_theme_gets_an_offer_of_a_peer_without_connecting_yet()
    {
        var reply = new SimulatedConversation(responder).Send("I'm so stressed about work", Analysis(RiskLevel.Low, (Themes.Work, 0.8)))!;

        Assert.False(reply.ConnectPeer);
        Assert.Contains("has been through a", reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.Equal(2, reply.OfKind(MessagePartKind.Coping).Count());
    }

    [Theory]
    [InlineData("GB", "116 123", "85258")]
    [InlineData("US", "988", "741741")]
    [InlineData("AU", "13 11 14", "0477 13 11 14")]
    public void A_red_flag_puts_the_regions_crisis_lines_first_and_no_tips(string region, string phone, string text)
    {
        var reply = new SimulatedConversation(responder, region)
            .Send("I keep thinking about killing myself", Analysis(RiskLevel.High, (Themes.LowMood, 0.7)))!;

        Assert.Equal(MessagePartKind.Crisis, reply.Parts[0].Kind);
        var crisis = string.Join(" ", reply.OfKind(MessagePartKind.Crisis).Select(p => p.Text));
        Assert.Contains(phone, crisis, StringComparison.Ordinal);
        Assert.Contains(text, crisis, StringComparison.Ordinal);
        Assert.Empty(reply.OfKind(MessagePartKind.Coping));
        Assert.Empty(reply.OfKind(MessagePartKind.Exercise));
        Assert.Empty(reply.OfKind(MessagePartKind.Resource));
        Assert.Contains("trained supporter", reply.OfKind(MessagePartKind.Acknowledgement).Single().Text, StringComparison.Ordinal);
        Assert.True(reply.ConnectPeer);
    }

    [Fact]
    public void A_red_flag_shows_another_regions_numbers_only_for_that_region()
    {
        var us = new SimulatedConversation(responder, "US").Send("…", Analysis(RiskLevel.High))!;
        var unknown = new SimulatedConversation(responder, "ZZ").Send("…", Analysis(RiskLevel.High))!;

        Assert.DoesNotContain("116 123", us.Text, StringComparison.Ordinal);
        Assert.Contains(unknown.OfKind(MessagePartKind.Crisis), p => p.Url == "https://findahelpline.com");
        Assert.DoesNotContain("988", unknown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Imminent_danger_leads_with_emergency_services()
    {
        var reply = new SimulatedConversation(responder, "GB")
            .Send("I've already taken all my tablets", Analysis(RiskLevel.Imminent))!;

        Assert.Equal(MessagePartKind.Crisis, reply.Parts[0].Kind);
        Assert.Contains("call 999", reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains("999", reply.OfKind(MessagePartKind.Acknowledgement).Single().Text, StringComparison.Ordinal);
        Assert.Contains(reply.OfKind(MessagePartKind.Crisis), p => p.Text.Contains("116 123", StringComparison.Ordinal));
        Assert.Equal(MessagePartKind.Acknowledgement, reply.Parts[^1].Kind);
        Assert.True(reply.ConnectPeer);
    }

    [Fact]
    public void Moderate_risk_asks_directly_about_safety_and_connects_a_peer()
    {
        var reply = new SimulatedConversation(responder, "IE")
            .Send("Everyone would be better off without me", Analysis(RiskLevel.Moderate, (Themes.LowMood, 0.8)))!;

        Assert.Equal(MessagePartKind.Acknowledgement, reply.Parts[0].Kind);
        Assert.Contains("thoughts of ending your life?", reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains("has been through", reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains(reply.OfKind(MessagePartKind.Crisis), p => p.Text.Contains("50808", StringComparison.Ordinal));
        Assert.Empty(reply.OfKind(MessagePartKind.Coping));
        Assert.True(reply.ConnectPeer);
    }

    [Fact]
    public void Six_messages_never_repeat_a_strategy_exercise_or_resource_and_follow_ups_are_shorter()
    {
        var conversation = new SimulatedConversation(responder);
        var messages = new (string Text, MessageAnalysis Analysis)[]
        {
            (TwoAmStory, TwoAmAnalysis),
            ("It's mostly the job, I keep checking my email", Analysis(RiskLevel.Low, (Themes.Work, 0.88))),
            ("My chest goes tight and I panic about rent", Analysis(RiskLevel.Low, (Themes.Anxiety, 0.8), (Themes.Money, 0.7))),
            ("I keep looking at her photos", Analysis(RiskLevel.Low, (Themes.Relationship, 0.9))),
            ("I just feel empty and alone", Analysis(RiskLevel.Low, (Themes.LowMood, 0.8), (Themes.Loneliness, 0.75))),
            ("Work, her, all of it, round and round", Analysis(RiskLevel.Low, (Themes.Work, 0.7), (Themes.Relationship, 0.7))),
        };

        var replies = messages.Select(m => conversation.Send(m.Text, m.Analysis)!).ToList();

        var given = replies.SelectMany(r => r.Parts)
            .Where(p => p.Kind is MessagePartKind.Coping or MessagePartKind.Exercise or MessagePartKind.Resource)
            .Select(p => p.Kind + ":" + p.Title)
            .ToList();
        Assert.True(given.Count >= messages.Length, $"only {given.Count} strategies, exercises and resources in six replies");
        Assert.Equal(given.Count, given.Distinct().Count());
        var ids = replies.SelectMany(r => r.ContentIds).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(replies.Skip(1), r => Assert.True(r.Parts.Length < replies[0].Parts.Length && r.Text.Length < replies[0].Text.Length));
        Assert.All(replies.Skip(1), r => Assert.InRange(r.OfKind(MessagePartKind.Coping).Count(), 0, 1));
        var openings = replies.Select(r => r.Parts[0].Text).ToList();
        Assert.All(openings.Zip(openings.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void A_theme_that_keeps_coming_back_brings_a_peer()
    {
        var conversation = new SimulatedConversation(responder);
        var first = conversation.Send("Work is crushing me", Analysis(RiskLevel.Low, (Themes.Work, 0.8)))!;
        var second = conversation.Send("It's still work, I can't stop thinking about it", Analysis(RiskLevel.Low, (Themes.Work, 0.8)))!;

        Assert.False(first.ConnectPeer);
        Assert.True(second.ConnectPeer);
        Assert.Contains("has been through", second.Parts[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Distress_that_climbed_earlier_brings_a_peer()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send("Exams are too much", Analysis(RiskLevel.Low, (Themes.School, 0.8)));
        conversation.Send("Sometimes I wish I could just disappear", Analysis(RiskLevel.Moderate, (Themes.School, 0.6)));
        conversation.Send("no, I wouldn't do anything", Analysis(RiskLevel.None));
        conversation.Status = ConversationStatus.Ai;

        var reply = conversation.Send("Sorry, it's just the exams", Analysis(RiskLevel.Low, (Themes.Anxiety, 0.6)))!;

        Assert.True(reply.ConnectPeer);
        Assert.Contains("116 123", reply.Parts[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("can I talk to a real person please")]
    [InlineData("I'd rather speak to someone")]
    [InlineData("is there a human I can talk to")]
    [InlineData("I need someone to talk to")]
    public void Asking_for_a_person_brings_a_peer(string text)
    {
        var themed = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.Low, (Themes.Work, 0.6)))!;
        var greeting = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.None))!;

        Assert.True(themed.ConnectPeer);
        Assert.True(greeting.ConnectPeer);
        Assert.Contains("peer supporter", greeting.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I don't want to talk to someone, I just need tips")]
    [InlineData("I've got nobody to talk to about work")]
    public void Not_every_mention_of_talking_is_a_request_for_a_person(string text)
    {
        var reply = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.Low, (Themes.Work, 0.6)))!;

        Assert.False(reply.ConnectPeer);
    }

    [Fact]
    public void A_greeting_gets_the_welcome_once()
    {
        var conversation = new SimulatedConversation(responder);
        var welcome = conversation.Send("hi, how does this work?", Analysis(RiskLevel.None))!;
        var next = conversation.Send("ok", Analysis(RiskLevel.None))!;

        var text = Assert.Single(welcome.Parts).Text;
        Assert.Contains("anonymous", text, StringComparison.Ordinal);
        Assert.Contains("peer supporter", text, StringComparison.Ordinal);
        Assert.Contains("automated", text, StringComparison.Ordinal);
        Assert.False(welcome.ConnectPeer);
        Assert.Contains(ContentLibrary.WelcomeId, welcome.ContentIds);
        Assert.DoesNotContain("anonymous", next.Text, StringComparison.Ordinal);
        Assert.True(next.Text.Length < text.Length);
    }

    [Fact]
    public void A_greeting_then_the_story_gets_the_full_reply()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send("hello", Analysis(RiskLevel.None));

        var reply = conversation.Send(TwoAmStory, TwoAmAnalysis)!;

        Assert.NotEmpty(reply.OfKind(MessagePartKind.Coping));
        Assert.Single(reply.OfKind(MessagePartKind.Exercise));
        Assert.NotEmpty(reply.OfKind(MessagePartKind.Resource));
    }

    [Fact]
    public void While_a_peer_talks_the_ai_is_quiet_except_for_a_red_flag()
    {
        var conversation = new SimulatedConversation(responder, "US", ConversationStatus.Peer);

        Assert.Null(conversation.Send(TwoAmStory, TwoAmAnalysis));
        Assert.Null(conversation.Send("hi", Analysis(RiskLevel.None)));
        Assert.Null(conversation.Send("I wish I could sleep forever", Analysis(RiskLevel.Moderate)));
        var flag = conversation.Send("I have the pills in my hand", Analysis(RiskLevel.Imminent))!;

        Assert.Equal(MessagePartKind.Crisis, flag.Parts[0].Kind);
        Assert.Contains("911", flag.Parts[0].Text, StringComparison.Ordinal);
        Assert.Empty(flag.OfKind(MessagePartKind.Coping));
        Assert.False(flag.ConnectPeer);
    }

    [Fact]
    public void After_a_red_flag_replies_stay_close_without_tips()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send("I cut myself again tonight", Analysis(RiskLevel.High, (Themes.LowMood, 0.7)));

        var reply = conversation.Send("I'm scared", Analysis(RiskLevel.Low, (Themes.Anxiety, 0.7)))!;

        Assert.Equal(ConversationStatus.Waiting, conversation.Status);
        Assert.Equal([MessagePartKind.Acknowledgement], reply.Parts.Select(p => p.Kind));
        Assert.Contains("116 123", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void While_waiting_the_seeker_hears_their_place_and_a_fresh_holding_exercise()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send(TwoAmStory, TwoAmAnalysis);

        var third = responder.WhileWaiting(conversation.Context(TwoAmStory, TwoAmAnalysis), new QueueStanding(3, 300));
        conversation.Give(third);
        var next = responder.WhileWaiting(conversation.Context(TwoAmStory, TwoAmAnalysis), new QueueStanding(1, 40));

        Assert.Contains("number 3", third.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains("about 5 minutes", third.Parts[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("number", next.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains("less than a minute", next.Parts[0].Text, StringComparison.Ordinal);
        var exercises = new[] { third, next }.Select(r => r.OfKind(MessagePartKind.Exercise).Single().Title).ToList();
        Assert.NotEqual(exercises[0], exercises[1]);
        Assert.All(exercises, title => Assert.Contains(Library.Exercises, e => e.Title == title && e.Fits.Contains(ExerciseFits.Waiting)));
        Assert.DoesNotContain(third.ContentIds, conversation.Offered.Except(third.ContentIds).Contains);
        Assert.False(third.ConnectPeer);
    }

    [Fact]
    public void No_opening_is_said_twice_in_one_conversation()
    {
        var conversation = new SimulatedConversation(responder);
        var work = Analysis(RiskLevel.Low, (Themes.Work, 0.9));
        var turns = new (string Text, MessageAnalysis Analysis)[]
        {
            ("hi", Analysis(RiskLevel.None)),
            ("work has been a lot lately", work),
            ("my manager keeps piling things on", work),
            ("I stay late every night", work),
            ("and then I can't switch off", work),
            ("I don't know what to do", Analysis(RiskLevel.Low)),
            ("it's just everything", Analysis(RiskLevel.Low)),
            ("thanks", Analysis(RiskLevel.None)),
        };

        var openings = turns
            .Select(turn => conversation.Send(turn.Text, turn.Analysis)!)
            .Select(reply => reply.Parts.First(p => p.Kind == MessagePartKind.Acknowledgement).Text.Split(". ")[0])
            .ToList();

        Assert.Equal(openings.Count, openings.Distinct().Count());
    }

    [Fact]
    public void With_nobody_online_who_could_take_the_chat_no_wait_is_promised_and_the_crisis_line_is_named()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send(TwoAmStory, TwoAmAnalysis);

        var reply = responder.WhileWaiting(conversation.Context(TwoAmStory, TwoAmAnalysis), new QueueStanding(1, 0, NobodyOnline: true));

        var words = reply.Parts[0].Text;
        Assert.DoesNotContain("minute", words, StringComparison.Ordinal);
        Assert.Contains("Samaritans", words, StringComparison.Ordinal);
        Assert.Contains("116 123", words, StringComparison.Ordinal);
        Assert.Single(reply.OfKind(MessagePartKind.Exercise));
        Assert.False(reply.ConnectPeer);
    }

    [Fact]
    public void A_long_wait_is_spoken_of_again_with_the_new_estimate_and_no_second_exercise()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send(TwoAmStory, TwoAmAnalysis);

        var still = responder.WhileWaiting(conversation.Context(TwoAmStory, TwoAmAnalysis), new QueueStanding(2, 600), still: true);

        Assert.Contains("still", still.Parts[0].Text, StringComparison.Ordinal);
        Assert.Contains("about 10 minutes", still.Parts[0].Text, StringComparison.Ordinal);
        Assert.Empty(still.OfKind(MessagePartKind.Exercise));
    }

    [Fact]
    public void Another_language_is_answered_from_the_english_library()
    {
        var context = new SimulatedConversation(responder).Context("hola", Analysis(RiskLevel.None)) with { Language = "es", SeekerMessageCount = 1 };

        var reply = responder.Reply(context)!;

        Assert.Contains("anonymous", reply.Text, StringComparison.Ordinal);
    }
}
