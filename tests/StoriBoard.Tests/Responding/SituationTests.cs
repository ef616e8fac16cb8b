using System.Text.RegularExpressions;
using StoriBoard.Classification;
using StoriBoard.Responding;
using Xunit;
using static StoriBoard.Tests.Responding.ResponderTestKit;

namespace StoriBoard.Tests.Responding;

/// <summary>
/// Replies that answer what was said: the situations people bring most, read by cues, said back in the reader's own
/// words, met with steps and reading made for them, and never allowed near a red flag's reply.
/// </summary>
[Trait("Tier", "Unit")]
public sealed partial class SituationTests
{
    private readonly Responder responder = NewResponder();

    /// <summary>The messages of "What a new user saw" (issue 18) and phrasings of our own, with what the reply must say back.</summary>
    public static TheoryData<string, string, string, string> Told => new()
    {
        // The issue's own messages.
        { "my boss humiliated me in front of everyone today", Situations.HumiliatedAtWork, Themes.Work, "your boss humiliated you in front of everyone today" },
        { "I relapsed last night after 2 years sober. I hate myself", Situations.Relapse, Themes.Substances, "you'd been sober for two years, you relapsed last night, and now you're being really hard on yourself" },
        { "I killed it at my presentation today but still feel empty", Situations.EmptyDespiteSuccess, Themes.LowMood, "your presentation went really well today, and you still feel empty" },
        { "exam results tomorrow", Situations.ResultsDay, Themes.School, "your exam results come out tomorrow" },
        { "can't sleep again. everything feels pointless since the divorce", Situations.SleeplessNight, Themes.Relationship, "you can't sleep again, and everything has felt pointless since the divorce" },
        // Other phrasings.
        { "My manager shouted at me in a meeting this morning and I just froze", Situations.HumiliatedAtWork, Themes.Work, "your manager shouted at you in a meeting this morning" },
        { "I was so humiliated at work, I can't face going back", Situations.HumiliatedAtWork, Themes.Work, "someone at work humiliated you" },
        { "Fell off the wagon. Eighteen months clean and I threw it all away", Situations.Relapse, Themes.Substances, "you'd been sober for 18 months, you've relapsed, and now you're being really hard on yourself" },
        { "had a drink again after a year of sobriety, my sponsor doesn't know", Situations.Relapse, Themes.Substances, "you'd been sober for a year and you've relapsed" },
        { "Got the promotion I wanted for years and I feel nothing", Situations.EmptyDespiteSuccess, Themes.Work, "you got the promotion, and you still feel empty" },
        { "everything i wanted is here on paper, so why do i feel so hollow", Situations.EmptyDespiteSuccess, Themes.LowMood, "things are going well on the outside, and inside you feel empty" },
        { "It's 3am and I'm lying awake again", Situations.SleeplessNight, Themes.Anxiety, "you're lying awake again" },
        { "haven't slept properly for weeks", Situations.SleeplessNight, Themes.LowMood, "you're lying awake night after night" },
        { "GCSE results on Thursday and I feel sick", Situations.ResultsDay, Themes.School, "your GCSE results come out on Thursday" },
        { "got my A-level results and I didn't get the grades for my offer", Situations.ResultsDay, Themes.School, "your A-level results weren't what you'd hoped for" },
        { "Mum died in March and now the bank and the council want forms I don't understand", Situations.DeathAndPaperwork, Themes.Grief, "someone close to you has died and you're left dealing with all the paperwork" },
        { "my dad passed away and I'm the executor, the probate is drowning me", Situations.DeathAndPaperwork, Themes.Grief, "your dad has died and you're the one left dealing with all the paperwork" },
        { "I moved to a new city for work and I don't know a single person", Situations.MovingAway, Themes.Loneliness, "you've moved to a new city for work and you don't have your people around you yet" },
        { "since we moved I feel like a stranger everywhere", Situations.MovingAway, Themes.Loneliness, "you've moved somewhere new" },
        { "we're getting divorced and the kids keep asking why", Situations.BreakupWithChildrenOrPets, Themes.Relationship, "you're going through a divorce, and you're thinking about the kids too" },
        { "my girlfriend left me and she's taking the dog", Situations.BreakupWithChildrenOrPets, Themes.Relationship, "you're going through a breakup, and you're thinking about the dog too" },
        { "I'm a full-time carer for my dad and I'm exhausted", Situations.CaringForSomeone, Themes.Family, "you're caring for your dad and you're running on empty" },
        { "looking after my mum since her stroke, no time for myself anymore", Situations.CaringForSomeone, Themes.Family, "you're caring for your mum and you're running on empty" },
    };

    [Theory]
    [MemberData(nameof(Told))]
    public void A_situation_is_said_back_in_the_persons_own_terms(string text, string situation, string theme, string reflection)
    {
        var reading = SituationReader.Read(text);

        Assert.NotNull(reading);
        Assert.Equal(situation, reading.Situation);
        var reply = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.Low, (theme, 0.8)))!;
        var acknowledgement = reply.Parts[0];
        Assert.Equal(MessagePartKind.Acknowledgement, acknowledgement.Kind);
        Assert.Contains(reflection, acknowledgement.Text, StringComparison.Ordinal);
        var opening = acknowledgement.Text.Split(". ")[0];
        if (Library.Situation(situation).Themes.Length == 0)
        {
            // A setting (a sleepless night) follows what the person carries, which is named first.
            Assert.Contains(Library.Theme(theme).Acknowledgements, phrase => opening.Contains(phrase, StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(reflection, opening, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_setting_told_on_its_own_leads_the_reply()
    {
        var reply = new SimulatedConversation(responder).Send("can't sleep again", Analysis(RiskLevel.Low))!;

        Assert.Contains("you're lying awake again", reply.Parts[0].Text.Split(". ")[0], StringComparison.Ordinal);
        Assert.Equal(2, reply.OfKind(MessagePartKind.Coping).Count(p => Library.Situation(Situations.SleeplessNight).Coping.Any(c => c.Title == p.Title)));
        Assert.Contains(reply.OfKind(MessagePartKind.Resource), p => p.Url == "https://thesleepcharity.org.uk");
    }

    [Theory]
    [MemberData(nameof(Told))]
    public void A_situation_gets_its_own_steps_and_reading_and_not_the_tips_it_replaces(string text, string situation, string theme, string reflection)
    {
        _ = reflection;
        var content = Library.Situation(situation);

        var reply = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.Low, (theme, 0.8)))!;

        var coping = reply.OfKind(MessagePartKind.Coping).Select(p => p.Title).ToList();
        var setting = content.Themes.Length == 0;
        Assert.True(coping.Count(t => content.Coping.Any(c => c.Title == t)) >= (setting ? 1 : 2), string.Join(", ", coping));
        var replaced = content.Themes.Select(Library.Theme).ToList();
        Assert.DoesNotContain(coping, t => replaced.Any(r => r.Coping.Any(c => c.Title == t)));
        var urls = reply.OfKind(MessagePartKind.Resource).Select(p => p.Url).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.True(content.Resources.Any(r => r.Url == url) || (setting && Library.Theme(theme).Resources.Any(r => r.Url == url)), url));
        Assert.Single(reply.OfKind(MessagePartKind.Exercise));
        Assert.Empty(reply.OfKind(MessagePartKind.Crisis));
    }

    [Fact]
    public void Results_day_is_not_met_with_study_tips_or_a_university_only_line()
    {
        var reply = new SimulatedConversation(responder).Send("exam results tomorrow", Analysis(RiskLevel.Low, (Themes.School, 0.9), (Themes.Anxiety, 0.6)))!;

        Assert.DoesNotContain("smallest", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("studentminds", reply.Text, StringComparison.Ordinal);
        Assert.Contains("themix.org.uk", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relapse_is_met_with_recovery_and_kindness_not_with_fighting_urges()
    {
        var reply = new SimulatedConversation(responder).Send(
            "I relapsed last night after 2 years sober. I hate myself", Analysis(RiskLevel.Low, (Themes.Substances, 0.9), (Themes.LowMood, 0.6)))!;

        Assert.DoesNotContain("urge", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("A lapse is not the end of recovery", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Speak to yourself as you would to a friend", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Library.Situation(Situations.Relapse).LivedExperience, lived => reply.Parts[0].Text.Contains(lived, StringComparison.Ordinal));
    }

    [Fact]
    public void Sleeplessness_after_a_divorce_meets_the_divorce_as_well_and_the_night()
    {
        var reply = new SimulatedConversation(responder).Send(
            "can't sleep again. everything feels pointless since the divorce",
            Analysis(RiskLevel.Low, (Themes.Relationship, 0.8), (Themes.LowMood, 0.7)))!;

        Assert.Contains(reply.OfKind(MessagePartKind.Coping), p => Library.Theme(Themes.Relationship).Coping.Any(c => c.Title == p.Title));
        Assert.Contains(ExerciseFits.Night, Library.Exercises.Single(e => e.Title == reply.OfKind(MessagePartKind.Exercise).Single().Title).Fits);
    }

    [Theory]
    [InlineData("I haven't relapsed, 2 years sober today and proud")]
    [InlineData("I'm so scared I'll relapse tonight")]
    [InlineData("my cancer relapsed and the treatment starts again")]
    [InlineData("I slipped on the stairs at home")]
    [InlineData("that film moved to tears")]
    [InlineData("my boss is nice to me")]
    [InlineData("blood test results tomorrow and I'm terrified")]
    [InlineData("looking after my kids all day is a lot")]
    [InlineData("we broke up last month")]
    [InlineData("my dog died")]
    [InlineData("this commute is killing me")]
    [InlineData("")]
    public void Words_near_a_situation_are_not_taken_for_it(string text)
    {
        Assert.Null(SituationReader.Read(text));
    }

    [Theory]
    [InlineData("my manager put me down in front of the team", "your manager put you down in front of the team")]
    [InlineData("a colleague laughed at me on the call yesterday", "a colleague laughed at you on a call yesterday")]
    [InlineData("my supervisor had a go at me in front of customers", "your supervisor had a go at you in front of customers")]
    [InlineData("I got publicly made an example of me by my boss lol", "your boss made an example of you")]
    [InlineData("my team leader keeps belittling me", "your team leader belittled you")]
    [InlineData("a customer swore at me and my shift lead watched", "a customer swore at you")]
    [InlineData("I felt so humiliated at work today", "someone at work humiliated you today")]
    public void Each_way_of_being_shown_up_is_said_back_plainly(string text, string reflection)
    {
        var reading = SituationReader.Read(text);

        Assert.Equal(Situations.HumiliatedAtWork, reading?.Situation);
        Assert.Equal(reflection, Library.Situation(reading!.Situation).Reflect(reading.Details));
    }

    /// <summary>Awkward inputs: shouting, repeats, odd numbers, curly quotes, emoji, other details that must not come back.</summary>
    [Theory]
    [InlineData("MY BOSS HUMILIATED ME IN FRONT OF EVERYONE TODAY!!!", "your boss humiliated you in front of everyone today")]
    [InlineData("my boss my boss humiliated humiliated me me today today", "your boss humiliated you today")]
    [InlineData("relapsed after 2.5 years sober", "you've had a relapse")]
    [InlineData("relapsed after 200 years sober lol", "you've had a relapse")]
    [InlineData("I relapsed 😭😭 after 3 years clean", "you'd been sober for three years and you've relapsed")]
    [InlineData("my boss Kevin Hart at 14 Carlton Road screamed at me and called me a useless fat cow", "your boss shouted at you")]
    [InlineData("can’t sleep again", "you're lying awake again")]
    public void The_reflection_is_built_from_what_was_recognised_never_from_raw_text(string text, string reflection)
    {
        var reply = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.Low))!;

        Assert.Contains(reflection, reply.Parts[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", reply.Parts[0].Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whatever the message holds (names, addresses, methods, means, insults), every word of the reply comes from the
    /// reviewed content or the reader's closed vocabulary: nothing of the person's text is echoed.
    /// </summary>
    [Theory]
    [InlineData("my supervisor Dave Pritchard humiliated me in front of everyone at Tesco on Mill Lane, called me a retarded cow")]
    [InlineData("relapsed last night after 2 years sober, drank a bottle of vodka and took zopiclone with it, I hate myself")]
    [InlineData("can't sleep again, I keep looking at the razor blades in the cabinet, everything is pointless since the divorce")]
    [InlineData("results tomorrow and my dad says he'll beat me black and blue if I fail, my name is Aisha Khan")]
    [InlineData("my mum died and I'm sorting out her paperwork, she overdosed on paracetamol, the bank at 22 High St keeps calling")]
    [InlineData("we split up and he took the kids to 9 Oak Avenue Leeds and said he'd strangle the dog")]
    [InlineData("I'm my dad's carer and sometimes I stockpile his morphine, I'm exhausted")]
    [InlineData("moved to a new city for work, my landlord Mr Patel is a creep, no friends")]
    [InlineData("killed it at the pitch today but I feel empty and I keep thinking about the bridge")]
    public void The_reflection_never_echoes_harmful_detail(string text)
    {
        Assert.NotNull(SituationReader.Read(text));
        var reply = new SimulatedConversation(responder).Send(text, Analysis(RiskLevel.Low))!;

        var allowed = AllowedWords();
        var foreign = Words(reply.Text).Where(w => !allowed.Contains(w)).Distinct().ToList();
        Assert.True(foreign.Count == 0, $"words from outside the content: {string.Join(", ", foreign)}");
        foreach (var detail in new[] { "vodka", "zopiclone", "razor", "paracetamol", "morphine", "bridge", "strangle", "retarded", "cow", "dave", "aisha", "patel", "oak", "carlton", "22", "9" })
        {
            Assert.DoesNotContain(detail, Words(reply.Text));
        }
    }

    [Theory]
    [InlineData("I relapsed last night after 2 years sober and I've got the pills in my hand", RiskLevel.Imminent)]
    [InlineData("my boss humiliated me in front of everyone and I keep thinking about killing myself", RiskLevel.High)]
    [InlineData("can't sleep again, I cut myself tonight", RiskLevel.High)]
    public void A_red_flag_reply_is_the_crisis_script_untouched_by_situations(string text, RiskLevel risk)
    {
        Assert.NotNull(SituationReader.Read(text));

        var reply = new SimulatedConversation(responder).Send(text, Analysis(risk, (Themes.LowMood, 0.6)))!;

        Assert.Equal(MessagePartKind.Crisis, reply.Parts[0].Kind);
        Assert.Empty(reply.OfKind(MessagePartKind.Coping));
        Assert.Empty(reply.OfKind(MessagePartKind.Resource));
        var situations = Situations.All.Select(Library.Situation).ToList();
        Assert.DoesNotContain(reply.ContentIds, id => situations.Any(s => s.Coping.Any(c => c.Id == id) || s.Resources.Any(r => r.Id == id)));
        var reading = SituationReader.Read(text)!;
        Assert.DoesNotContain(Library.Situation(reading.Situation).Reflect(reading.Details), reply.Text, StringComparison.Ordinal);
        Assert.True(reply.ConnectPeer);
    }

    [Fact]
    public void After_a_red_flag_a_situation_brings_no_tips()
    {
        var conversation = new SimulatedConversation(responder);
        conversation.Send("I took all my tablets", Analysis(RiskLevel.Imminent));

        var reply = conversation.Send("my boss humiliated me in front of everyone today", Analysis(RiskLevel.Low, (Themes.Work, 0.8)))!;

        Assert.Equal([MessagePartKind.Acknowledgement], reply.Parts.Select(p => p.Kind));
        Assert.DoesNotContain("your boss", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_opening_is_said_twice_in_a_long_conversation()
    {
        var conversation = new SimulatedConversation(responder);
        var low = Analysis(RiskLevel.Low);
        var work = Analysis(RiskLevel.Low, (Themes.Work, 0.9));
        var turns = new (string Text, MessageAnalysis Analysis)[]
        {
            ("hi", Analysis(RiskLevel.None)),
            ("my boss humiliated me in front of everyone today", work),
            ("he shouted at me in the meeting again", work),
            ("work has been awful for months", work),
            ("my manager keeps piling things on", work),
            ("can't sleep again", low),
            ("still lying awake", low),
            ("I don't know what to do", low),
            ("it's just everything", low),
            ("my boss belittled me again yesterday", work),
            ("I stay late every night", work),
            ("and I can't switch off", work),
            ("ok", Analysis(RiskLevel.None)),
            ("thanks", Analysis(RiskLevel.None)),
            ("I'm still awake, can't sleep", low),
            ("I just feel stuck", low),
        };

        var openings = turns
            .Select(turn => conversation.Send(turn.Text, turn.Analysis)!)
            .Select(reply => reply.Parts.First(p => p.Kind == MessagePartKind.Acknowledgement).Text.Split(". ")[0])
            .ToList();

        var repeated = openings.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"said twice: {string.Join(" | ", repeated)}");
    }

    [Fact]
    public void Every_situation_has_content_that_covers_every_detail_the_reader_gives()
    {
        foreach (var id in Situations.All)
        {
            var situation = Library.Situation(id);
            Assert.True(situation.Openings.Length >= ContentLibrary.MinOpenings, id);
            Assert.Empty(situation.Reflections[^1].Needs);
            Assert.All(situation.Openings, o => Assert.Contains("{reflection}", o, StringComparison.Ordinal));
            Assert.All(situation.Openings, o => Assert.False(o.StartsWith('{'), id));
        }
    }

    [Fact]
    public void A_broken_situation_is_refused_with_every_problem_listed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "storiboard-situations-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(ContentLibrary.DefaultDirectory, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(ContentLibrary.DefaultDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        try
        {
            File.Delete(Path.Combine(folder, "situations", "moving_away.json"));
            Edit(folder, "situations/relapse.json", "{ \"needs\": [], \"text\": \"you've had a relapse\" }", "{ \"needs\": [\"when\"], \"text\": \"you've had a relapse\" }");
            Edit(folder, "situations/humiliated_at_work.json", "\"needs\": [\"who\", \"act\", \"where\", \"when\"]", "\"needs\": [\"who\", \"act\", \"where\", \"name\"]");
            Edit(folder, "situations/results_day.json", "That's a lot to carry: {reflection}.", "That's a lot to carry.");
            Edit(folder, "situations/caring_for_someone.json", "https://carers.org", "https://www.carersuk.org");
            Edit(folder, "situations/sleepless_night.json", "\"sleepless.get-up\"", "\"opening.get-up\"");

            var error = Assert.Throws<ContentLibraryException>(() => ContentLibrary.Load(folder));

            Assert.Contains("situation 'moving_away' has no content (expected situations/moving_away.json)", error.Problems);
            Assert.Contains("situation 'relapse': the last reflection must need no detail, so there is always one to say", error.Problems);
            Assert.Contains(error.Problems, p => p.StartsWith("situation 'humiliated_at_work': a reflection needs 'name', which is not one of", StringComparison.Ordinal));
            Assert.Contains(error.Problems, p => p.StartsWith("situation 'humiliated_at_work': reflection '{who} {act} {where} {when}' has the placeholder {when} without needing it", StringComparison.Ordinal));
            Assert.Contains("situation 'results_day': openings: a phrase lacks the {reflection} placeholder", error.Problems);
            Assert.Contains(error.Problems, p => p.Contains("'caring.carers-trust'", StringComparison.Ordinal) && p.Contains("share the url https://www.carersuk.org", StringComparison.Ordinal));
            Assert.Contains("id 'opening.get-up' is reserved", error.Problems);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Edit(string folder, string file, string before, string after)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(before, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(before, after, StringComparison.Ordinal));
    }

    private static HashSet<string> AllowedWords()
    {
        var texts = new List<string>();
        foreach (var id in Situations.All)
        {
            var s = Library.Situation(id);
            texts.AddRange(s.Openings);
            texts.AddRange(s.Reflections.Select(r => r.Text));
            texts.AddRange(s.LivedExperience);
            texts.AddRange(s.Coping.SelectMany(c => new[] { c.Title, c.Text }));
            texts.AddRange(s.Resources.SelectMany(r => new[] { r.Title, r.Description, r.Url }));
        }

        foreach (var id in Themes.All)
        {
            var t = Library.Theme(id);
            texts.AddRange(t.Acknowledgements);
            texts.AddRange(t.LivedExperience);
            texts.AddRange(t.Coping.SelectMany(c => new[] { c.Title, c.Text }));
            texts.AddRange(t.Resources.SelectMany(r => new[] { r.Title, r.Description, r.Url }));
        }

        texts.AddRange(Library.Exercises.SelectMany(e => e.Steps.Append(e.Title)));
        var p = Library.Phrases;
        texts.AddRange(new[] { p.PeerOffer, p.PeerConnecting, p.PeerConnectingGeneral, p.PeerOnTheWay, p.Questions, p.CrisisReminder }.SelectMany(x => x));
        texts.AddRange(new[] { p.Headings.Coping, p.Headings.Exercise, p.Headings.Resources });
        texts.AddRange(SituationReader.Vocabulary());
        texts.Add("1 2 3 4 5 6 7 8 9 10");
        return texts.SelectMany(Words).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
