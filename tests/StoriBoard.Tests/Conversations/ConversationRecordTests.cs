using StoriBoard.Conversations;

namespace StoriBoard.Tests.Conversations;

[Trait("Tier", "Unit")]
public sealed class ConversationRecordTests
{
    [Fact]
    public void A_supporters_note_is_kept_after_the_seeker_ended_first_and_a_seekers_rating_after_the_supporter_did()
    {
        var seekerFirst = new ConversationRecord();
        seekerFirst.End(Role.Seeker, rating: 4, note: null, DateTimeOffset.UnixEpoch);
        Assert.True(seekerFirst.WrapUp(Role.Supporter, rating: null, note: "Talked through a plan for tonight."));
        Assert.Equal((4, "Talked through a plan for tonight."), (seekerFirst.Rating, seekerFirst.SupporterNote));

        var supporterFirst = new ConversationRecord();
        supporterFirst.End(Role.Supporter, rating: null, note: "Check in tomorrow.", DateTimeOffset.UnixEpoch);
        Assert.True(supporterFirst.WrapUp(Role.Seeker, rating: 5, note: null));
        Assert.Equal((5, "Check in tomorrow."), (supporterFirst.Rating, supporterFirst.SupporterNote));
    }

    [Fact]
    public void A_sides_first_wrap_up_stands_and_an_empty_one_changes_nothing()
    {
        var record = new ConversationRecord();
        record.End(Role.Seeker, rating: 2, note: null, DateTimeOffset.UnixEpoch);

        Assert.False(record.WrapUp(Role.Seeker, rating: 5, note: null));
        Assert.False(record.WrapUp(Role.Supporter, rating: null, note: null));
        Assert.Equal((2, (string?)null), (record.Rating, record.SupporterNote));
    }
}
