using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// Once a supporter has taken a chat, the transcript gets the room on a desk-sized screen: the hand-off card, read in
/// full on the offer, folds to one line in the chat's header and opens on a click.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ConsoleChatTests(BrowserFixture fixture)
{
    private const double LeastShare = 0.5;

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task After_accepting_the_transcript_has_the_room_and_the_hand_off_card_folds()
    {
        await using var scene = new Scene(fixture);
        var jo = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jo", ["relationship", "work"]));
        var seeker = await scene.StartSeekerAsync();

        // Three heavy themes at once: the AI asks for a person itself.
        await Scene.SendAsSeekerAsync(seeker,
            "My job is shaky after a restructuring at work, my girlfriend left me three months ago and I feel so lonely at night.");
        await Expect(seeker.Locator("#waiting")).ToBeVisibleAsync();

        var offer = jo.Locator("article.offer").First;
        var offered = offer.Locator("details.handoff");
        await Expect(offered).ToHaveJSPropertyAsync("open", true);
        await Expect(offered).ToContainTextAsync("1 message so far.");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        var chat = jo.Locator(".chat-panel:not([hidden])");
        await Expect(chat.Locator("li.from-seeker").First).ToBeVisibleAsync();
        var card = chat.Locator("details.handoff");
        await Expect(card).ToHaveJSPropertyAsync("open", false);
        await Expect(card.Locator("summary")).ToBeVisibleAsync();
        await Expect(card.Locator("summary")).ToContainTextAsync("1 message so far.");
        await Expect(card.Locator("dl")).ToBeHiddenAsync();

        var viewport = jo.ViewportSize!;
        var transcript = await chat.Locator(".messages").BoundingBoxAsync();
        Assert.NotNull(transcript);
        Assert.True(transcript.Height >= LeastShare * viewport.Height,
            $"the transcript is {transcript.Height:0} px of {viewport.Height} px");

        // Folded, not gone: one click opens the whole card.
        await card.Locator("summary").ClickAsync();
        await Expect(card).ToHaveJSPropertyAsync("open", true);
        await Expect(card.Locator("dl")).ToBeVisibleAsync();
        scene.AssertNoProblems();
    }
}
