using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Gateway.Audit;
using StoriBoard.Tests.Infrastructure;
using StoriBoard.Tests.Staff;

namespace StoriBoard.Tests.Supervision;

/// <summary>
/// A supervisor steps into chats through real gateways on Redis: transcript, join, whisper, take over, reassign, each
/// audited; the help-seeker never receives a whisper, live, in their history or after reconnecting.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class SupervisorStepsTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    private const string WhisperText = "Ask him whether his sister is around this weekend";

    private async Task<SupporterClient> Supervisor(Uri gateway, string name = "Sam") =>
        await SupporterClient.Connect(gateway,
            await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, name, [], capacity: 2, role: "supervisor"), online: false);

    /// <summary>A peer chat between Mark and the supporter.</summary>
    private static async Task<(SeekerClient Mark, string ConversationId)> PeerChat(Uri gateway, SupporterClient supporter)
    {
        var mark = await SeekerClient.Connect(gateway);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "Work has been grim since the restructuring and I can't sleep");
        await mark.RequestPeer(conversation);
        await supporter.AcceptOfferOf(conversation);
        return (mark, conversation);
    }

    private static async Task Refused(string code, Func<Task> call, string? saying = null)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"{code}:", error.Message, StringComparison.Ordinal);
        if (saying is not null)
        {
            Assert.Contains(saying, error.Message, StringComparison.Ordinal);
        }
    }

    private async Task<AuditEntry[]> Audit(string actor)
    {
        var admin = await StaffHelpline.FirstAdmin(Gateway);
        return [.. (await StaffHelpline.Audit(Gateway.Url, admin)).Where(e => e.Actor == actor)];
    }

    [Fact]
    public async Task A_supervisor_on_another_gateway_joins_speaks_to_both_whispers_to_the_supporter_alone_and_leaves()
    {
        await using var second = await GatewayProcess.Start(Gateway.Settings.Another());
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var sam = await Supervisor(second.Url);
        var (mark, conversation) = await PeerChat(Gateway.Url, jake);
        await using var _ = mark;

        var joined = await sam.Join(conversation);
        Assert.Equal(["Sam"], joined.Supervisors ?? []);
        const string notice = "Sam, a supervisor, has joined the conversation.";
        await mark.Messages.WaitFor(m => m.Text == notice && m.Sender == Sender.System, "the join notice on Mark's side");
        await jake.Messages.WaitFor(m => m.Text == notice, "the join notice on Jake's side");
        await jake.Conversations.WaitFor(c => c.Supervisors is ["Sam"], "Sam among those present on Jake's view");

        var spoken = await sam.Send(conversation, "Hello Mark, I'm Sam; I work with Jake tonight.");
        Assert.Equal((Sender.Supervisor, "Sam", false), (spoken.Sender, spoken.SenderName, spoken.Whisper));
        await mark.Messages.WaitFor(m => m.MessageId == spoken.MessageId && m.Sender == Sender.Supervisor, "Sam's message on Mark's side");
        await jake.Messages.WaitFor(m => m.MessageId == spoken.MessageId, "Sam's message on Jake's side");
        await mark.Send(conversation, "hi Sam");
        await sam.Messages.WaitFor(m => m.Text == "hi Sam", "Mark's reply reaching the supervisor who joined");

        var whisper = await sam.Whisper(conversation, WhisperText);
        Assert.True(whisper.Whisper);
        Assert.Equal(Sender.Supervisor, whisper.Sender);
        await jake.Messages.WaitFor(m => m.MessageId == whisper.MessageId && m.Whisper, "the whisper on Jake's side");

        // Mark's side hears everything after the whisper, and never the whisper: live, in History, after reconnecting.
        var after = await jake.Send(conversation, "Is anyone around you this weekend?");
        await mark.Messages.WaitFor(m => m.MessageId == after.MessageId, "Jake's next message on Mark's side");
        Assert.DoesNotContain(mark.Messages.Items, m => m.Whisper || m.MessageId == whisper.MessageId || m.Text == WhisperText);
        Assert.DoesNotContain(await mark.History(conversation, 0), m => m.Whisper || m.Text == WhisperText);
        await mark.Reconnect(second.Url);
        Assert.DoesNotContain(await mark.History(conversation, whisper.Seq - 1), m => m.Whisper || m.Text == WhisperText);
        Assert.Contains(await jake.History(conversation, 0), m => m.MessageId == whisper.MessageId && m.Whisper);

        var transcript = await sam.Transcript(conversation);
        Assert.Equal(transcript.Select(m => m.Seq).Order(), transcript.Select(m => m.Seq));
        Assert.Contains(transcript, m => m.MessageId == whisper.MessageId && m.Whisper);
        Assert.Contains(transcript, m => m.MessageId == after.MessageId);

        // Present, not in charge: ending the chat stays with Jake and Mark.
        await Refused(ErrorCodes.Forbidden, () => sam.End(conversation, "done here"));

        var left = await sam.Leave(conversation);
        Assert.Null(left.Supervisors);
        const string leftNotice = "Sam, a supervisor, has left the conversation.";
        await mark.Messages.WaitFor(m => m.Text == leftNotice, "the leave notice on Mark's side");
        await jake.Messages.WaitFor(m => m.Text == leftNotice, "the leave notice on Jake's side");
        await Refused(ErrorCodes.Forbidden, () => sam.Send(conversation, "one more thing"));
        await Refused(ErrorCodes.Conflict, () => sam.Leave(conversation));

        var audited = await Audit(sam.SupporterId);
        Assert.Equal(
            [AuditActions.Joined, AuditActions.Whispered, AuditActions.TranscriptRead, AuditActions.Left],
            audited.Select(e => e.Action));
        Assert.All(audited, e => Assert.Equal(conversation, e.Target));
        Assert.All(audited, e => Assert.True(string.IsNullOrEmpty(e.Detail)));
    }

    [Fact]
    public async Task A_supervisor_takes_over_a_chat_and_a_waiting_one_and_the_supporter_before_is_released()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work], capacity: 1);
        await using var sam = await Supervisor(Gateway.Url);
        var (mark, conversation) = await PeerChat(Gateway.Url, jake);
        await using var _ = mark;
        Assert.Equal(1, (await jake.Me()).ActiveChats);

        var taken = await sam.TakeOver(conversation);
        Assert.Equal((ConversationStatus.Peer, sam.SupporterId), (taken.Status, taken.Supporter?.SupporterId));

        const string notice = "Sam, a supervisor, is taking over from Jake.";
        await mark.Messages.WaitFor(m => m.Text == notice, "the take-over notice on Mark's side");
        await jake.Messages.WaitFor(m => m.Text == notice, "the take-over notice on Jake's side");
        var told = await jake.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Status == ConversationStatus.Ended, "Jake told the chat is no longer his");
        Assert.Null(told.EndedAt);
        await Eventually.True(async () => (await jake.Me()).ActiveChats == 0, "Jake's place free again");
        await Refused(ErrorCodes.Forbidden, () => jake.Send(conversation, "are you still there?"));

        await mark.Send(conversation, "ok, thank you");
        await sam.Messages.WaitFor(m => m.Text == "ok, thank you", "Mark's message reaching Sam");
        var reply = await sam.Send(conversation, "I'm here with you, Mark.");
        await mark.Messages.WaitFor(m => m.MessageId == reply.MessageId, "Sam's reply on Mark's side");

        // A conversation still waiting: nobody with room is online, and the supervisor takes it from the queue.
        await jake.SetAvailability("away");
        await using var lena = await SeekerClient.Connect(Gateway.Url);
        var waiting = (await lena.StartConversation()).ConversationId;
        await lena.Send(waiting, "can I talk to a real person please");
        await lena.RequestPeer(waiting);
        var fromQueue = await sam.TakeOver(waiting);
        Assert.Equal(sam.SupporterId, fromQueue.Supporter?.SupporterId);
        await lena.Messages.WaitFor(m => m.Text == "Sam, a supervisor, has joined.", "the join notice on Lena's side");
        Assert.Equal(2, (await sam.Me()).ActiveChats);

        Assert.Equal(
            [(AuditActions.TakenOver, conversation), (AuditActions.TakenOver, waiting)],
            (await Audit(sam.SupporterId)).Select(e => (e.Action, e.Target)));
    }

    [Fact]
    public async Task A_supervisor_reassigns_a_chat_to_a_supporter_on_another_gateway_who_gets_it_with_its_history()
    {
        await using var second = await GatewayProcess.Start(Gateway.Settings.Another());
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var sam = await Supervisor(Gateway.Url);
        var (mark, conversation) = await PeerChat(Gateway.Url, jake);
        await using var _ = mark;
        var earlier = await jake.Send(conversation, "I'm Jake. Tell me about the restructuring.");
        await using var ann = await SupporterClient.Connect(second.Url,
            await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Ann", [Themes.Work], capacity: 2));

        var moved = await sam.Reassign(conversation, ann.SupporterId);
        Assert.Equal(ann.SupporterId, moved.Supporter?.SupporterId);
        Assert.Equal([Themes.Work], moved.Supporter!.SharedExperience);

        await ann.Conversations.WaitFor(c => c.ConversationId == conversation && c.Supporter?.SupporterId == ann.SupporterId, "the chat on Ann's desk");
        Assert.Contains(await ann.History(conversation, 0), m => m.MessageId == earlier.MessageId);
        await mark.Messages.WaitFor(m => m.Text == "Ann is taking over from Jake.", "the hand-over notice on Mark's side");
        await jake.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Status == ConversationStatus.Ended && c.EndedAt is null, "Jake told");
        await Eventually.True(async () => (await jake.Me()).ActiveChats == 0, "Jake's place free again");
        Assert.Equal(1, (await ann.Me()).ActiveChats);

        await mark.Send(conversation, "hello Ann");
        await ann.Messages.WaitFor(m => m.Text == "hello Ann", "Mark's message reaching Ann on the other gateway");

        var audited = Assert.Single(await Audit(sam.SupporterId));
        Assert.Equal((AuditActions.Reassigned, conversation, ann.SupporterId), (audited.Action, audited.Target, audited.Detail));
    }

    [Fact]
    public async Task Reassigning_to_someone_offline_full_untrained_for_a_red_flag_unknown_or_of_another_language_is_refused_and_changes_nothing()
    {
        // Fran's only place is taken first, so Mark's chat can only be offered to Jake.
        await using var full = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Fran", [], capacity: 1);
        var (other, othersChat) = await PeerChat(Gateway.Url, full);
        await using var __ = other;
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work], capacity: 2);
        await using var sam = await Supervisor(Gateway.Url);
        var (mark, conversation) = await PeerChat(Gateway.Url, jake);
        await using var _ = mark;

        var offline = await SupporterClient.Register(Gateway.Url, Gateway.AdminKey, "Olly", [], capacity: 2);
        await using var french = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Élise", [], capacity: 2, languages: ["fr"]);
        await using var ann = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ann", [], capacity: 2);

        await Refused(ErrorCodes.Conflict, () => sam.Reassign(conversation, offline.SupporterId), "Olly is not online");
        await Refused(ErrorCodes.Conflict, () => sam.Reassign(conversation, full.SupporterId), "Fran has no room");
        await Refused(ErrorCodes.Conflict, () => sam.Reassign(conversation, french.SupporterId), "does not speak");
        await Refused(ErrorCodes.NotFound, () => sam.Reassign(conversation, Guid.NewGuid().ToString("N")));
        await Refused(ErrorCodes.NotFound, () => sam.Reassign(Guid.NewGuid().ToString("N"), ann.SupporterId));
        await Refused(ErrorCodes.Invalid, () => sam.Reassign(conversation, "not/an id"));
        await Refused(ErrorCodes.Invalid, () => sam.Reassign("", ann.SupporterId));
        await Refused(ErrorCodes.Conflict, () => sam.Reassign(conversation, jake.SupporterId), "already has this chat");

        // A red flag goes only to someone trained for it; the chat stays with Jake while one is sought.
        await jake.SetRisk(conversation, "high", "He told me he has been looking up ways");
        await Refused(ErrorCodes.Conflict, () => sam.Reassign(conversation, ann.SupporterId), "not crisis-trained");

        var view = await jake.Hub.InvokeAsync<ConversationView>("View", conversation);
        Assert.Equal((ConversationStatus.Peer, jake.SupporterId), (view.Status, view.Supporter?.SupporterId));
        Assert.Equal(0, (await ann.Me()).ActiveChats);
        Assert.Equal(1, (await full.Me()).ActiveChats);
        Assert.Equal(ConversationStatus.Peer, (await full.Hub.InvokeAsync<ConversationView>("View", othersChat)).Status);
        Assert.Empty(await Audit(sam.SupporterId));
    }

    [Fact]
    public async Task A_supporter_calling_any_supervisor_step_is_refused_and_nothing_changes()
    {
        await using var jake = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Jake", [Themes.Work]);
        await using var ann = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ann", []);
        var (mark, conversation) = await PeerChat(Gateway.Url, jake);
        await using var _ = mark;

        foreach (var caller in new[] { ann, jake })
        {
            await Refused(ErrorCodes.Forbidden, () => caller.Transcript(conversation));
            await Refused(ErrorCodes.Forbidden, () => caller.Join(conversation));
            await Refused(ErrorCodes.Forbidden, () => caller.Leave(conversation));
            await Refused(ErrorCodes.Forbidden, () => caller.Whisper(conversation, WhisperText));
            await Refused(ErrorCodes.Forbidden, () => caller.TakeOver(conversation));
            await Refused(ErrorCodes.Forbidden, () => caller.Reassign(conversation, ann.SupporterId));
        }

        // A supervisor's own bad input: malformed and unknown conversations, an empty whisper.
        await using var sam = await Supervisor(Gateway.Url);
        await Refused(ErrorCodes.Invalid, () => sam.Transcript("../etc"));
        await Refused(ErrorCodes.NotFound, () => sam.Transcript(Guid.NewGuid().ToString("N")));
        await Refused(ErrorCodes.NotFound, () => sam.Join(Guid.NewGuid().ToString("N")));
        await Refused(ErrorCodes.Invalid, () => sam.Whisper(conversation, "   "));

        var view = await jake.Hub.InvokeAsync<ConversationView>("View", conversation);
        Assert.Equal(jake.SupporterId, view.Supporter?.SupporterId);
        Assert.Null(view.Supervisors);
        Assert.DoesNotContain(await jake.History(conversation, 0), m => m.Sender == Sender.Supervisor);
        Assert.Equal(1, (await jake.Me()).ActiveChats);
        var audit = await StaffHelpline.Audit(Gateway.Url, await StaffHelpline.FirstAdmin(Gateway));
        Assert.DoesNotContain(audit, e => e.Action.StartsWith("conversation.", StringComparison.Ordinal));
    }
}
