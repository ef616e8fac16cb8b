using StoriBoard.Tests.Infrastructure;
using StoriBoard.Transcripts;

namespace StoriBoard.Tests.Grains;

/// <summary>
/// A retry with the same client message id completes what the first attempt left undone, and never counts against
/// the flood limit: the first attempt's failure must never strand a red flag.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Tier", "Cluster")]
public sealed class RetryTests(ClusterFixture fixture)
{
    private readonly string _language = People.NewLanguage();

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_red_flag_stored_by_a_first_attempt_that_failed_before_its_turn_is_routed_on_the_retry()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var seeker = Participant.Seeker(seekerId);
        var crisis = await People.Supporter(Grains, "Priya", crisisTrained: true, language: _language);
        var conversationId = (await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation()).ConversationId;
        var conversation = Grains.GetGrain<IConversationGrain>(conversationId);

        // What a first attempt leaves when it fails right after storing: the message, and nothing else.
        const string text = "I've already taken all my tablets";
        await fixture.SiloService<ITranscriptStore>().Append(new MessageView(
            conversationId, 0, Guid.NewGuid().ToString("N"), "first-try", Sender.Seeker, "Anonymous", text, DateTimeOffset.UtcNow));
        Assert.Equal(RiskLevel.None, (await conversation.View(seeker)).Risk);

        var retried = await conversation.Send(seeker, "first-try", text);

        Assert.Equal(1, retried.Seq);
        var view = await conversation.View(seeker);
        Assert.Equal(RiskLevel.Imminent, view.Risk);
        Assert.Equal(ConversationStatus.Waiting, view.Status);
        await People.OfferFor(Grains, crisis, conversationId);
        Assert.Contains(await Grains.GetGrain<IRedFlagBoardGrain>(0).Open(), c => c.ConversationId == conversationId);

        // A second retry carries the turn's work out again, safely: a step lost (here the supervisors' alert) is done
        // again, and the crisis reply is stored once.
        await Grains.GetGrain<IRedFlagBoardGrain>(0).Resolve(conversationId);
        await conversation.Send(seeker, "first-try", text);
        Assert.Contains(await Grains.GetGrain<IRedFlagBoardGrain>(0).Open(), c => c.ConversationId == conversationId);
        var history = await conversation.History(seeker, 0);
        Assert.Single(history, m => m.Sender == Sender.Seeker);
        Assert.Single(history, m => m.Sender == Sender.Ai && m.ClientMessageId == "ai-1");
    }

    [Fact]
    public async Task Retries_of_messages_already_received_never_count_against_the_flood_limit()
    {
        var seekerId = await People.Seeker(Grains, language: _language);
        var seeker = Participant.Seeker(seekerId);
        var conversation = Grains.GetGrain<IConversationGrain>(
            (await Grains.GetGrain<IHelpSeekerGrain>(seekerId).StartConversation()).ConversationId);
        var limit = new ConversationOptions().MessagesPerWindow;
        for (var i = 0; i < limit; i++)
        {
            await conversation.Send(seeker, $"m{i}", $"message {i}");
        }

        var retried = await conversation.Send(seeker, "m3", "message 3");
        var refused = await Assert.ThrowsAsync<HelplineException>(() => conversation.Send(seeker, "new", "one too many"));

        Assert.Equal("message 3", retried.Text);
        Assert.Equal(ErrorCodes.RateLimited, refused.Code);
    }
}
