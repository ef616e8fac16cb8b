using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// axe-core finds no violation, of any impact and including its best practices, on either page in any state a person
/// meets: the seeker's welcome, chat, wait, red flag, peer chat and ending; the console signed in, with an offer, in a
/// chat, and a supervisor's board.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Fact(Timeout = 240_000)] // a hang fails this test instead of stalling the whole run
    public async Task Every_state_of_both_pages_has_no_axe_violations()
    {
        await using var scene = new Scene(fixture);
        var checks = new List<(string State, AxeResult Result)>();
        async Task Check(IPage page, string state) => checks.Add((state, await page.RunAxe()));

        var sam = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Sam", ["grief"], role: "supporter"));
        await Check(sam, "console, signed in");
        var mark = await scene.OpenSeekerAsync();
        await Check(mark, "seeker, welcome");
        await mark.GetByRole(AriaRole.Button, new() { Name = "Start chatting" }).ClickAsync();
        await Scene.SendAsSeekerAsync(mark, "I've been feeling a bit low since I moved here.");
        await Check(mark, "seeker, the AI's reply");
        await mark.Locator("li.from-ai .more summary").First.ClickAsync();
        await Expect(mark.Locator("li.from-ai .exercise").First).ToBeVisibleAsync();
        await Check(mark, "seeker, the AI's reply opened in full");

        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await Expect(mark.Locator("#waiting")).ToBeVisibleAsync();
        await Expect(mark.Locator("#queue-standing")).Not.ToBeEmptyAsync();
        await Check(mark, "seeker, waiting");

        var offer = sam.Locator("article.offer").First;
        await Expect(offer).ToBeVisibleAsync();
        await Check(sam, "console, an offer");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.Locator("li.from-system", new() { HasText = "has joined" })).ToBeVisibleAsync();
        await Scene.SendAsSupporterAsync(sam, "Hi, I'm Sam. Moving somewhere new can be really lonely.");
        await Expect(Scene.StoredMessages(mark, "Hi, I'm Sam. Moving somewhere new can be really lonely.")).ToHaveCountAsync(1);
        await Check(mark, "seeker, a peer chat");
        await Check(sam, "console, a peer chat");

        await mark.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(mark.Locator("#ending")).ToBeVisibleAsync();
        await Check(mark, "seeker, ending");
        await mark.Locator("#end-form").GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(mark.Locator("#ended")).ToBeVisibleAsync();
        await Check(mark, "seeker, ended");

        var supervisor = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Ruth", ["grief"], role: "supervisor"));
        var ann = await scene.StartSeekerAsync();
        await Scene.SendAsSeekerAsync(ann, "I've saved up enough of my tablets and I'm going to take them all tonight.");
        await Expect(ann.Locator("#crisis-strip a[href^='tel:']").First).ToBeVisibleAsync();
        await Check(ann, "seeker, a red flag");
        await Expect(supervisor.Locator("#board-list .card.red-flag").First).ToBeVisibleAsync();
        await Expect(supervisor.GetByRole(AriaRole.Link, new() { Name = "The floor" })).ToHaveAttributeAsync("href", "/floor");
        await Check(supervisor, "console, a supervisor's board with a red flag");

        var found = checks
            .SelectMany(c => c.Result.Violations.Select(v =>
                $"{c.State}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        scene.AssertNoProblems();
    }
}
