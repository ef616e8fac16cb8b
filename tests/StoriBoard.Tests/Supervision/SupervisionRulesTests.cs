using StoriBoard.Conversations;

namespace StoriBoard.Tests.Supervision;

/// <summary>Who may step into a chat, and to whom a chat may move: the pure rules, with nothing else running.</summary>
[Trait("Tier", "Unit")]
public sealed class SupervisionRulesTests
{
    private static readonly Participant Sam = new(Role.Supervisor, "sam");

    private static ConversationRecord PeerChat(RiskLevel risk = RiskLevel.Low, string language = "en")
    {
        var record = new ConversationRecord();
        record.Open(new ConversationOpening("mark", language, "GB", []), DateTimeOffset.UnixEpoch);
        record.Assign("offer-1", new SupporterSummary("jake", "Jake", []), crisisTrained: false);
        record.Risk.Set(risk);
        return record;
    }

    private static Appointee Person(string id, string[]? languages = null, bool crisisTrained = false, Role role = Role.Supporter) =>
        new(new SupporterSummary(id, id.ToUpperInvariant(), []), languages ?? ["en"], crisisTrained, role);

    private static string Refusal(Action rule) => Assert.Throws<HelplineException>(rule).Code;

    [Fact]
    public void A_supervisor_who_joined_is_a_participant_until_they_leave_and_joining_twice_changes_nothing()
    {
        var record = PeerChat();
        Assert.Equal(ErrorCodes.Forbidden, Refusal(() => ConversationAccess.RequireParticipant(record, Sam)));

        Assert.True(record.Join("sam", "Sam"));
        Assert.False(record.Join("sam", "Sam"));
        ConversationAccess.RequireParticipant(record, Sam);
        Assert.Equal(ErrorCodes.Forbidden, Refusal(() => ConversationAccess.RequireMayEnd(record, Sam)));
        ConversationAccess.RequireMayEnd(record, Participant.Supporter("jake"));
        Assert.Equal(["Sam"], ConversationViews.For("c1", record, Role.Seeker, null, () => null!).Supervisors ?? []);

        Assert.Equal("Sam", record.Leave("sam")?.DisplayName);
        Assert.Null(record.Leave("sam"));
        Assert.Equal(ErrorCodes.Forbidden, Refusal(() => ConversationAccess.RequireParticipant(record, Sam)));
        Assert.Null(ConversationViews.For("c1", record, Role.Seeker, null, () => null!).Supervisors);
    }

    [Fact]
    public void Only_a_supervisor_joins_and_only_a_chat_with_a_supporter_that_is_not_their_own()
    {
        Assert.Equal(ErrorCodes.Forbidden, Refusal(() => ConversationAccess.RequireMayJoin(PeerChat(), Participant.Supporter("ann"))));
        Assert.Equal(ErrorCodes.NotFound, Refusal(() => ConversationAccess.RequireMayJoin(new ConversationRecord(), Sam)));

        var waiting = new ConversationRecord();
        waiting.Open(new ConversationOpening("mark", "en", "GB", []), DateTimeOffset.UnixEpoch);
        waiting.AskForPeer(DateTimeOffset.UnixEpoch);
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayJoin(waiting, Sam)));

        var ended = PeerChat();
        ended.End(Role.Seeker, null, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayJoin(ended, Sam)));

        var theirs = PeerChat();
        theirs.Assign(null, new SupporterSummary("sam", "Sam", []), crisisTrained: true);
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayJoin(theirs, Sam)));
        ConversationAccess.RequireMayJoin(PeerChat(), Sam);
    }

    [Fact]
    public void A_chat_moves_only_to_someone_new_who_speaks_its_language_and_a_red_flag_only_to_someone_trained_for_it()
    {
        ConversationAccess.RequireMayAppoint(PeerChat(), Sam, Person("ann"));
        Assert.Equal(ErrorCodes.Forbidden, Refusal(() => ConversationAccess.RequireMayAppoint(PeerChat(), Participant.Supporter("jake"), Person("ann"))));
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayAppoint(PeerChat(), Sam, Person("jake"))));
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayAppoint(PeerChat(), Sam, Person("ann", ["fr"]))));
        ConversationAccess.RequireMayAppoint(PeerChat(language: "fr"), Sam, Person("ann", ["en", "fr"]));

        var red = PeerChat(RiskLevel.High);
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayAppoint(red, Sam, Person("ann"))));
        ConversationAccess.RequireMayAppoint(red, Sam, Person("ruth", crisisTrained: true));
        ConversationAccess.RequireMayAppoint(red, Sam, Person("sam", role: Role.Supervisor));

        var ended = PeerChat();
        ended.End(Role.Seeker, null, null, DateTimeOffset.UnixEpoch);
        Assert.Equal(ErrorCodes.Conflict, Refusal(() => ConversationAccess.RequireMayAppoint(ended, Sam, Person("ann"))));
    }

    [Fact]
    public void A_supervisor_who_joined_and_then_takes_the_chat_over_is_its_supporter_and_no_longer_a_third_participant()
    {
        var record = PeerChat();
        record.Join("sam", "Sam");
        record.Assign(null, new SupporterSummary("sam", "Sam", []), crisisTrained: true);

        Assert.Empty(record.Supervisors);
        Assert.Equal("sam", record.Supporter?.SupporterId);
        Assert.Null(record.AcceptedOfferId);
        ConversationAccess.RequireParticipant(record, Sam);
    }

    [Fact]
    public void A_whisper_is_never_for_the_help_seeker_and_every_other_message_is()
    {
        var whisper = new MessageView("c1", 3, "m3", null, Sender.Supervisor, "Sam", "ask about his sister", DateTimeOffset.UnixEpoch, Whisper: true);
        var spoken = whisper with { Whisper = false };

        Assert.False(ConversationViews.Sees(Role.Seeker, whisper));
        Assert.True(ConversationViews.Sees(Role.Supporter, whisper));
        Assert.True(ConversationViews.Sees(Role.Supervisor, whisper));
        Assert.True(ConversationViews.Sees(Role.Seeker, spoken));
    }
}
