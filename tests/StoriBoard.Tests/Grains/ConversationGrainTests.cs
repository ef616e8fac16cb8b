using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Grains;

[Trait("Tier", "Cluster")]
[Collection(ClusterCollection.Name)]
public sealed class ConversationGrainTests(ClusterFixture fixture)
{
    // Each test speaks a language of its own, so supporters left online by one test never take another test's offers.
    private readonly string _language = People.NewLanguage();

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_conversation_goes_from_ai_to_waiting_to_peer_to_ended()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var supporterId = await People.Supporter(Grains, "Jake", language: _language);
        var seeker = Participant.Seeker(seekerId);

        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        Assert.Equal(ConversationStatus.Ai, view.Status);
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);

        await conversation.Send(seeker, "c1", "hello");
        Assert.Equal(ConversationStatus.Waiting, (await conversation.RequestPeer(seeker)).Status);

        var offer = await People.OfferFor(Grains, supporterId, view.ConversationId);
        var accepted = await Grains.GetGrain<ISupporterGrain>(supporterId).Accept(offer.OfferId);
        Assert.Equal(ConversationStatus.Peer, accepted.Status);
        Assert.Equal(supporterId, accepted.Supporter!.SupporterId);
        Assert.Equal(1, (await Grains.GetGrain<ISupporterGrain>(supporterId).View()).ActiveChats);

        await conversation.Send(Participant.Supporter(supporterId), "s1", "hi, I'm Jake");
        var ended = await conversation.End(seeker, 4, null);
        Assert.Equal(ConversationStatus.Ended, ended.Status);
        await Assert.ThrowsAsync<HelplineException>(() => conversation.Send(seeker, "c2", "still there?"));
        await Eventually.True(
            async () => (await Grains.GetGrain<ISupporterGrain>(supporterId).View()).ActiveChats == 0,
            "the supporter's place to be freed");
    }

    [Fact]
    public async Task Messages_get_consecutive_seqs_and_a_repeated_client_message_id_is_stored_once()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var seeker = Participant.Seeker(seekerId);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);

        var first = await conversation.Send(seeker, "m1", "first");
        var again = await conversation.Send(seeker, "m1", "first");
        var second = await conversation.Send(seeker, "m2", "second");

        Assert.Equal(first, again);
        Assert.True(second.Seq > first.Seq);
        var history = await conversation.History(seeker, 0);
        Assert.Equal(Enumerable.Range(1, history.Length).Select(i => (long)i), history.Select(m => m.Seq));
        Assert.Single(history, m => m.ClientMessageId == "m1");
        Assert.All(history, m => Assert.Null(m.Analysis));
    }

    [Fact]
    public async Task Strangers_unknown_ids_and_bad_text_are_refused_and_change_nothing()
    {
        var ownerId = await People.Seeker(Grains, language: _language);
        var owner = Participant.Seeker(ownerId);
        var strangerId = await People.Seeker(Grains, language: _language);
        var outsiderId = await People.Supporter(Grains, "Not assigned", language: _language);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(ownerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await conversation.Send(owner, "m1", "mine");
        var before = await conversation.History(owner, 0);

        async Task Refused(string code, Func<Task> call) =>
            Assert.Equal(code, (await Assert.ThrowsAsync<HelplineException>(call)).Code);

        await Refused(ErrorCodes.Forbidden, () => conversation.Send(Participant.Seeker(strangerId), "x", "not yours"));
        await Refused(ErrorCodes.Forbidden, () => conversation.History(Participant.Seeker(strangerId), 0));
        await Refused(ErrorCodes.Forbidden, () => conversation.History(Participant.Supporter(outsiderId), 0));
        await Refused(ErrorCodes.Forbidden, () => conversation.End(Participant.Supporter(outsiderId), null, null));
        await Refused(ErrorCodes.NotFound, () => Grains.GetGrain<IConversationGrain>("nosuchconversation").View(owner));
        await Refused(ErrorCodes.Invalid, () => conversation.Send(owner, "e", "   "));
        await Refused(ErrorCodes.TooLarge, () => conversation.Send(owner, "l", new string('a', 4001)));
        await Refused(ErrorCodes.Invalid, () => conversation.Send(owner, new string('x', 101), "id too long"));
        await Refused(ErrorCodes.Invalid, () => conversation.History(owner, -1));
        await Refused(ErrorCodes.Invalid, () => conversation.End(owner, 6, null));
        await Refused(ErrorCodes.Forbidden, () => conversation.RequestPeer(Participant.Supporter(outsiderId)));

        var after = await conversation.History(owner, 0);
        Assert.Equal(before.Select(m => (m.Seq, m.MessageId)), after.Select(m => (m.Seq, m.MessageId)));
        Assert.Equal(ConversationStatus.Ai, (await conversation.View(owner)).Status);
    }

    [Fact]
    public async Task A_flood_of_messages_is_refused_past_the_rate_limit()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var seeker = Participant.Seeker(seekerId);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);

        for (var i = 0; i < 20; i++)
        {
            await conversation.Send(seeker, $"m{i}", $"message {i}");
        }

        var refusal = await Assert.ThrowsAsync<HelplineException>(() => conversation.Send(seeker, "m20", "one too many"));
        Assert.Equal(ErrorCodes.RateLimited, refusal.Code);
        Assert.DoesNotContain(await conversation.History(seeker, 0), m => m.ClientMessageId == "m20");
    }

    [Fact]
    public async Task A_seeker_cannot_open_more_than_the_allowed_conversations()
    {
        var seeker = Grains.GetGrain<IHelpSeekerGrain>(await People.Seeker(Grains, language: _language));
        for (var i = 0; i < 3; i++)
        {
            await seeker.StartConversation();
        }

        var refusal = await Assert.ThrowsAsync<HelplineException>(() => seeker.StartConversation());
        Assert.Equal(ErrorCodes.RateLimited, refusal.Code);
        Assert.Equal(3, (await seeker.Conversations()).Length);
    }

    [Fact]
    public async Task Erasing_a_seeker_removes_their_conversations_and_transcripts()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var seekerGrain = Grains.GetGrain<IHelpSeekerGrain>(seekerId);
        var view = await seekerGrain.StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await conversation.Send(Participant.Seeker(seekerId), "m1", "please forget me");

        await seekerGrain.Erase();

        Assert.False(await seekerGrain.Exists());
        var refusal = await Assert.ThrowsAsync<HelplineException>(() => conversation.History(Participant.Seeker(seekerId), 0));
        Assert.Equal(ErrorCodes.NotFound, refusal.Code);
    }

    [Fact]
    public async Task Analysis_not_yet_in_the_grain_state_is_recovered_from_the_transcript_on_the_next_activation()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var supporterId = await People.Supporter(Grains, "Jake", language: _language);
        var seeker = Participant.Seeker(seekerId);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await conversation.RequestPeer(seeker);
        await Grains.GetGrain<ISupporterGrain>(supporterId).Accept((await People.OfferFor(Grains, supporterId, view.ConversationId)).OfferId);

        // Messages that change neither the risk nor the themes are in the transcript only until the state is next written.
        string[] texts = ["ok", "yeah", "thanks", "ok", "hmm"];
        foreach (var (text, i) in texts.Select((t, i) => (t, i)))
        {
            await conversation.Send(seeker, $"m{i}", text);
        }

        var before = (await conversation.View(Participant.Supporter(supporterId))).Handoff!.RiskHistory;
        // Deactivate this conversation and see it gone: if it stayed active, the comparison below would pass untested.
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var grainId = conversation.GetGrainId();
        await management.DeactivateGrain(grainId, CancellationToken.None);
        await Eventually.True(async () => !(await management.GetActiveGrains(grainId.Type)).Contains(grainId), "the conversation to be deactivated");

        var after = (await conversation.View(Participant.Supporter(supporterId))).Handoff!.RiskHistory;
        Assert.Equal(texts.Length, before.Length);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_red_flag_in_a_chat_with_a_supporter_not_crisis_trained_is_taken_over_by_one_who_is()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var jakeId = await People.Supporter(Grains, "Jake", language: _language);
        var seeker = Participant.Seeker(seekerId);
        var jake = Participant.Supporter(jakeId);
        var view = await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation();
        var conversation = Grains.GetGrain<IConversationGrain>(view.ConversationId);
        await conversation.RequestPeer(seeker);
        await Grains.GetGrain<ISupporterGrain>(jakeId).Accept((await People.OfferFor(Grains, jakeId, view.ConversationId)).OfferId);
        var annId = await People.Supporter(Grains, "Ann", crisisTrained: true, language: _language);

        await conversation.Send(seeker, "m1", "I've already taken all my tablets");

        // Until Ann accepts, Jake stays with the person; then she takes over and his place is freed.
        Assert.Equal(jakeId, (await conversation.View(jake)).Supporter!.SupporterId);
        var offer = await People.OfferFor(Grains, annId, view.ConversationId);
        Assert.Equal(RiskLevel.Imminent, offer.Risk);
        var taken = await Grains.GetGrain<ISupporterGrain>(annId).Accept(offer.OfferId);

        Assert.Equal((ConversationStatus.Peer, annId), (taken.Status, taken.Supporter!.SupporterId));
        Assert.Equal(ErrorCodes.Forbidden, (await Assert.ThrowsAsync<HelplineException>(() => conversation.Send(jake, "j1", "still here"))).Code);
        await Eventually.True(async () => (await Grains.GetGrain<ISupporterGrain>(jakeId).View()).ActiveChats == 0, "Jake's place to be freed");
        Assert.Contains(await conversation.History(seeker, 0), m => m.Sender == Sender.System && m.Text.Contains("taking over from Jake"));
        await conversation.Send(Participant.Supporter(annId), "a1", "I'm Ann. I'm here with you.");
    }
}
