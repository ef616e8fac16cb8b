using StoriBoard.Tests.Infrastructure;
using static StoriBoard.Tests.Languages.LanguageKit;

namespace StoriBoard.Tests.Languages;

/// <summary>
/// Languages end to end: the real detector, classifier, libraries and matchmaker behind a real gateway on Redis, over
/// real SignalR. A French message is answered in French and matched within French speakers; a French red flag
/// reaches a French-speaking crisis-trained supporter; another language gets its short answer and a person.
/// </summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class LanguageGatewayTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_french_message_is_answered_in_french_and_offered_only_to_a_supporter_who_speaks_french()
    {
        await using var sam = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Sam", [Themes.Loneliness], capacity: 1);
        await using var amelie = await SupporterClient.Create(
            Gateway.Url, Gateway.AdminKey, "Amélie", [Themes.Loneliness], capacity: 1, languages: ["fr"]);
        await using var seeker = await SeekerClient.Connect(Gateway.Url, region: "FR");
        var conversation = (await seeker.StartConversation()).ConversationId;

        await seeker.Send(conversation, "Je me sens très seul depuis que j'ai déménagé, je ne connais personne ici");

        var reply = await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's reply");
        Assert.Contains(French.Theme(Themes.Loneliness).Acknowledgements, a => reply.Parts![0].Text.Contains(a, StringComparison.Ordinal));
        Assert.Contains(French.Phrases.Headings.Coping, reply.Text, StringComparison.Ordinal);
        await seeker.Conversations.WaitFor(c => c.ConversationId == conversation && c.Language == "fr", "the conversation to be in French");

        await seeker.RequestPeer(conversation);
        var offer = await amelie.Offers.WaitFor(o => o.ConversationId == conversation, "Amélie's offer");
        Assert.DoesNotContain(sam.Offers.Items, o => o.ConversationId == conversation);
        var accepted = await amelie.Accept(offer.OfferId);
        Assert.Equal(ConversationStatus.Peer, accepted.Status);
        Assert.Equal("fr", accepted.Language);
    }

    [Fact]
    public async Task A_waiting_conversation_that_turns_to_french_moves_to_the_french_queue()
    {
        await using var josephine = await SupporterClient.Create(
            Gateway.Url, Gateway.AdminKey, "Joséphine", [], capacity: 1, languages: ["fr"]);
        await using var seeker = await SeekerClient.Connect(Gateway.Url, region: "BE");
        var conversation = (await seeker.StartConversation()).ConversationId;
        var waiting = await seeker.RequestPeer(conversation);
        Assert.Equal(ConversationStatus.Waiting, waiting.Status);
        Assert.Equal("en", waiting.Language);

        await seeker.Send(conversation, "Pardon, je préfère écrire en français, je suis perdu depuis la séparation");

        await seeker.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Language == "fr" && c.Status == ConversationStatus.Waiting,
            "the conversation to wait in French");
        var offer = await josephine.Offers.WaitFor(o => o.ConversationId == conversation, "Joséphine's offer");
        Assert.Equal(ConversationStatus.Peer, (await josephine.Accept(offer.OfferId)).Status);
    }

    [Fact]
    public async Task A_french_red_flag_reaches_a_french_speaking_crisis_trained_supporter()
    {
        await using var ruth = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Ruth", [], crisisTrained: true, capacity: 1);
        await using var luc = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Luc", [], capacity: 1, languages: ["fr"]);
        await using var claire = await SupporterClient.Create(
            Gateway.Url, Gateway.AdminKey, "Claire", [], crisisTrained: true, capacity: 1, languages: ["fr", "en"]);
        await using var seeker = await SeekerClient.Connect(Gateway.Url, region: "FR");
        var conversation = (await seeker.StartConversation()).ConversationId;

        await seeker.Send(conversation, "Je n'en peux plus de cette vie. Je vais me suicider ce soir.");

        var reply = await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's crisis reply");
        Assert.Equal(MessagePartKind.Crisis, reply.Parts![0].Kind);
        Assert.Contains("3114", reply.Text, StringComparison.Ordinal);
        Assert.Contains("le 15 ou le 112 maintenant", reply.Text, StringComparison.Ordinal);
        var view = await seeker.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Risk == RiskLevel.Imminent, "the conversation to be imminent");
        Assert.Equal("fr", view.Language);
        Assert.Equal(RedFlagKind.Suicide, view.Kind);

        var offer = await claire.Offers.WaitFor(o => o.ConversationId == conversation, "Claire's offer");
        Assert.Equal(RiskLevel.Imminent, offer.Risk);
        Assert.DoesNotContain(luc.Offers.Items, o => o.ConversationId == conversation);
        Assert.DoesNotContain(ruth.Offers.Items, o => o.ConversationId == conversation);
        Assert.Equal(ConversationStatus.Peer, (await claire.Accept(offer.OfferId)).Status);
    }

    [Fact]
    public async Task A_french_red_flag_with_no_french_speaking_crisis_supporter_online_goes_to_an_english_speaking_one()
    {
        await using var luc = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Luc", [], capacity: 1, languages: ["fr"]);
        await using var seeker = await SeekerClient.Connect(Gateway.Url, region: "CH");
        var conversation = (await seeker.StartConversation()).ConversationId;

        await seeker.Send(conversation, "Je ne veux plus vivre, j'ai des idées suicidaires tous les soirs");

        var reply = await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai && m.Parts![0].Kind == MessagePartKind.Crisis, "the crisis reply");
        Assert.Contains("La Main Tendue", reply.Text, StringComparison.Ordinal);
        await using var grace = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Grace", [], crisisTrained: true, capacity: 2);
        var offer = await grace.Offers.WaitFor(o => o.ConversationId == conversation, "Grace's offer");
        Assert.True(offer.Risk.IsRedFlag());
        Assert.DoesNotContain(luc.Offers.Items, o => o.ConversationId == conversation);
        var accepted = await grace.Accept(offer.OfferId);
        Assert.Equal(ConversationStatus.Peer, accepted.Status);
        Assert.Equal("fr", accepted.Language);
    }

    [Fact]
    public async Task A_message_in_a_language_not_served_gets_a_short_answer_in_it_and_a_person_is_sought()
    {
        await using var sam = await SupporterClient.Create(Gateway.Url, Gateway.AdminKey, "Sam", [], capacity: 1);
        await using var seeker = await SeekerClient.Connect(Gateway.Url, region: "GB");
        var conversation = (await seeker.StartConversation()).ConversationId;

        await seeker.Send(conversation, "Ich fühle mich seit Wochen so allein und weiß nicht mehr weiter");

        var reply = await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's reply");
        var answer = reply.Parts![0].Text;
        Assert.StartsWith("Hallo. Dieser Dienst ist auf English, français.", answer, StringComparison.Ordinal);
        Assert.Contains("Samaritans (116 123)", answer, StringComparison.Ordinal);
        Assert.Contains("999", answer, StringComparison.Ordinal);
        var waiting = await seeker.Conversations.WaitFor(
            c => c.ConversationId == conversation && c.Status == ConversationStatus.Waiting, "a person to be sought");
        Assert.Equal("en", waiting.Language);
        await sam.Offers.WaitFor(o => o.ConversationId == conversation, "Sam's offer");
    }
}
