namespace StoriBoard.Tests.Matching;

[Trait("Tier", "Unit")]
public sealed class LivedExperienceScorerTests
{
    private readonly Helpline _helpline = new();

    private static readonly (string, double)[] MarksThemes =
        [(Themes.Work, 0.9), (Themes.Relationship, 0.8), (Themes.Loneliness, 0.6)];

    private double? Score(MatchRequest request, SupporterAvailability supporter) =>
        _helpline.Scorer.Score(request, supporter, _helpline.Clock.GetUtcNow());

    [Fact]
    public void A_supporter_who_is_not_online_is_ruled_out()
    {
        var request = Helpline.Seeker("c1");
        Assert.NotNull(Score(request, Helpline.Supporter("Jake")));
        Assert.Null(Score(request, Helpline.Supporter("Jake", presence: Presence.Away)));
        Assert.Null(Score(request, Helpline.Supporter("Jake", presence: Presence.Offline)));
    }

    [Fact]
    public void A_supporter_who_does_not_speak_the_language_is_ruled_out()
    {
        Assert.Null(Score(Helpline.Seeker("c1", language: "cy"), Helpline.Supporter("Jake")));
        Assert.NotNull(Score(Helpline.Seeker("c1", language: "CY"), Helpline.Supporter("Jake", language: "cy")));
    }

    [Theory]
    [InlineData(RiskLevel.Moderate, false, true)]
    [InlineData(RiskLevel.High, false, false)]
    [InlineData(RiskLevel.Imminent, false, false)]
    [InlineData(RiskLevel.High, true, true)]
    public void Red_flags_need_crisis_training(RiskLevel risk, bool crisisTrained, bool qualifies) =>
        Assert.Equal(qualifies, Score(Helpline.Seeker("c1", risk), Helpline.Supporter("Jake", crisisTrained: crisisTrained)) is not null);

    [Fact]
    public void A_supporter_with_no_free_capacity_is_ruled_out()
    {
        Assert.Null(Score(Helpline.Seeker("c1"), Helpline.Supporter("Jake", capacity: 2, activeChats: 2)));
        Assert.NotNull(Score(Helpline.Seeker("c1"), Helpline.Supporter("Jake", capacity: 2, activeChats: 1)));
    }

    [Fact]
    public void A_supporter_excluded_for_this_person_is_ruled_out()
    {
        var request = Helpline.Seeker("c1") with { ExcludedSupporters = ["jake"] };
        Assert.Null(Score(request, Helpline.Supporter("Jake")));
        Assert.NotNull(Score(request, Helpline.Supporter("Priya")));
    }

    [Fact]
    public void A_supporter_cooling_down_after_a_red_flag_is_ruled_out_until_the_cool_down_ends()
    {
        var supporter = Helpline.Supporter("Jake", coolDownUntil: Helpline.Start.AddMinutes(10));
        Assert.Null(Score(Helpline.Seeker("c1"), supporter));
        _helpline.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.NotNull(Score(Helpline.Seeker("c1"), supporter));
    }

    [Fact]
    public void Shared_experience_counts_by_the_confidence_of_each_theme()
    {
        _helpline.Weights.SharedExperience = 2;
        var request = Helpline.Seeker("c1", themes: [(Themes.Work, 0.75), (Themes.Grief, 0.25)]);
        var none = Score(request, Helpline.Supporter("A"))!.Value;
        Assert.Equal(none + 2 * 0.75, Score(request, Helpline.Supporter("B", [Themes.Work]))!.Value, 9);
        Assert.Equal(none + 2 * 0.25, Score(request, Helpline.Supporter("C", [Themes.Grief]))!.Value, 9);
        Assert.Equal(none + 2, Score(request, Helpline.Supporter("D", [Themes.Grief, Themes.Work]))!.Value, 9);
    }

    [Fact]
    public void Continuity_adds_its_weight_for_a_supporter_this_person_saw_before()
    {
        _helpline.Weights.Continuity = 1.5;
        var request = Helpline.Seeker("c1", pastSupporters: ["jake"]);
        Assert.Equal(Score(request, Helpline.Supporter("Priya"))!.Value + 1.5, Score(request, Helpline.Supporter("Jake"))!.Value, 9);
    }

    [Fact]
    public void Free_capacity_weighs_load_so_a_red_flag_chat_counts_for_more()
    {
        _helpline.Weights.FreeCapacity = 4;
        var request = Helpline.Seeker("c1");
        var ordinary = Helpline.Supporter("A", capacity: 4, activeChats: 1);
        var crisis = ordinary with { SupporterId = "b", WeightedLoad = 2 };
        Assert.Equal(4 * (1.0 / 4), Score(request, ordinary)!.Value - Score(request, crisis)!.Value, 9);
    }

    [Fact]
    public void Idle_time_counts_up_to_the_horizon_and_only_with_no_chat()
    {
        _helpline.Weights.Idle = 1;
        _helpline.Weights.IdleHorizon = TimeSpan.FromMinutes(30);
        _helpline.Clock.Advance(TimeSpan.FromHours(1));
        var now = _helpline.Clock.GetUtcNow();
        var request = Helpline.Seeker("c1");
        var justFree = Score(request, Helpline.Supporter("A", idleSince: now))!.Value;
        Assert.Equal(justFree + 0.5, Score(request, Helpline.Supporter("B", idleSince: now.AddMinutes(-15)))!.Value, 9);
        Assert.Equal(justFree + 1, Score(request, Helpline.Supporter("C", idleSince: now.AddMinutes(-45)))!.Value, 9);

        var busy = Helpline.Supporter("D", capacity: 100, activeChats: 1, idleSince: now.AddMinutes(-45));
        var busyNotIdle = Helpline.Supporter("E", capacity: 100, activeChats: 1, idleSince: now);
        Assert.Equal(Score(request, busyNotIdle)!.Value, Score(request, busy)!.Value, 9);
    }

    [Fact]
    public void Several_red_flag_chats_this_shift_rank_a_supporter_lower()
    {
        _helpline.Weights.Wellbeing = 1;
        var request = Helpline.Seeker("c1");
        var rested = Score(request, Helpline.Supporter("A"))!.Value;
        var one = Score(request, Helpline.Supporter("B", redFlagChats: 1))!.Value;
        var three = Score(request, Helpline.Supporter("C", redFlagChats: 3))!.Value;
        Assert.Equal(0.5, rested - one, 9);
        Assert.True(one > three);
    }

    [Fact]
    public void Reasons_say_why_in_plain_words()
    {
        var request = Helpline.Seeker("c1", RiskLevel.High, MarksThemes, pastSupporters: ["jake"]);
        var jake = Helpline.Supporter("Jake", [Themes.Relationship, Themes.Work], crisisTrained: true);
        var explained = _helpline.Scorer.Explain(request, jake, _helpline.Clock.GetUtcNow());
        Assert.Equal(
            [
                "has lived experience of job loss and relationship breakup",
                "has spoken with this person before",
                "is trained for crisis conversations",
                "is free now",
            ],
            explained.Reasons);
        Assert.Equal([Themes.Work, Themes.Relationship], explained.SharedExperience);
        Assert.Equal(Score(request, jake)!.Value, explained.Value, 9);
    }

    [Fact]
    public void Reasons_for_a_busy_supporter_without_shared_experience_say_they_have_room()
    {
        var explained = _helpline.Scorer.Explain(
            Helpline.Seeker("c1", themes: MarksThemes), Helpline.Supporter("Sam", [Themes.Grief], activeChats: 1), Helpline.Start);
        Assert.Equal(["has room for another chat"], explained.Reasons);
        Assert.Empty(explained.SharedExperience);
    }

    [Fact]
    public void Theme_phrases_join_like_a_sentence()
    {
        Assert.Equal("bereavement", StoriBoard.Matching.LivedExperiencePhrases.List([Themes.Grief]));
        Assert.Equal(
            "bereavement, anxiety and loneliness",
            StoriBoard.Matching.LivedExperiencePhrases.List([Themes.Grief, Themes.Anxiety, Themes.Loneliness]));
    }
}
