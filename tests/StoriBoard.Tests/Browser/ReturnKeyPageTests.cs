using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StoriBoard.Continuity;
using StoriBoard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>Keeping a return key on one phone and coming back with it on another, in real Chromium.</summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ReturnKeyPageTests(BrowserFixture fixture)
{
    [Fact(Timeout = 180_000)]
    public async Task A_key_kept_in_one_browser_brings_the_person_and_their_past_chat_back_in_a_fresh_one()
    {
        await using var scene = new Scene(fixture);
        var checks = new List<(string State, AxeResult Result)>();
        async Task Check(IPage page, string state) => checks.Add((state, await page.RunAxe()));
        var first = await scene.StartSeekerAsync();
        const string said = "Exams are next week and I keep freezing when I try to revise.";
        await Scene.SendAsSeekerAsync(first, said);
        await Expect(first.Locator("li.from-ai").First).ToBeVisibleAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await first.Locator("#end-form").GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(first.Locator("#ended")).ToBeVisibleAsync();

        // The offer says what is kept, for how long (the configured 30 days), and that "Delete my data" erases it.
        await first.GetByRole(AriaRole.Button, new() { Name = "Keep a way back to these chats" }).ClickAsync();
        var dialog = first.GetByRole(AriaRole.Dialog, new() { Name = "Keep a way back to these chats" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("30 days");
        await Expect(dialog).ToContainTextAsync("\"Delete my data\" erases all of it");
        await Expect(dialog).ToContainTextAsync("start afresh");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Make my return key" }).ClickAsync();
        var phrase = dialog.Locator("#keep-key-phrase");
        await Expect(phrase).ToHaveTextAsync(new Regex("^[a-z]+( [a-z]+){6}$"));
        var key = await phrase.TextContentAsync();
        await scene.ScreenshotAsync(first, "seeker-return-key");
        await Check(first, "the return key, shown");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // A fresh browser: nothing stored carries over. The key, typed in capitals with hyphens, finds the person again.
        var second = await scene.OpenSeekerAsync();
        await second.GetByText("Come back with a return key").ClickAsync();
        await second.GetByLabel("Your return key (seven words)").FillAsync("not my key at all");
        await second.GetByRole(AriaRole.Button, new() { Name = "Come back", Exact = true }).ClickAsync();
        await Expect(second.Locator("#come-back-error")).ToContainTextAsync($"{ReturnKeyPhrase.Words} words");

        await second.GetByLabel("Your return key (seven words)").FillAsync(key!.ToUpperInvariant().Replace(" ", "-"));
        await second.GetByRole(AriaRole.Button, new() { Name = "Come back", Exact = true }).ClickAsync();
        await Expect(second.Locator("#past")).ToBeVisibleAsync();
        var chat = second.Locator("#past-list li");
        await Expect(chat).ToHaveCountAsync(1);
        await Expect(chat).ToContainTextAsync("Ended");
        await Expect(chat).ToContainTextAsync(new Regex("Started .+, ended .+"));

        await chat.GetByRole(AriaRole.Button, new() { Name = "Read this chat" }).ClickAsync();
        await Expect(second.Locator("#past-messages li.from-seeker")).ToHaveTextAsync(new Regex(Regex.Escape(said)));
        await Expect(second.Locator("#past-messages li.from-ai").First).ToBeVisibleAsync();
        await Expect(second.Locator("#past-reading-title")).ToContainTextAsync("read only");
        await scene.ScreenshotAsync(second, "seeker-past-chats");
        await Check(second, "a returning person's chats, one open to read");

        // From here a new chat starts as the same person.
        await second.GetByRole(AriaRole.Button, new() { Name = "Start a new chat" }).ClickAsync();
        await Expect(second.Locator("#composer-text")).ToBeVisibleAsync();
        var found = checks
            .SelectMany(c => c.Result.Violations.Select(v =>
                $"{c.State}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));

        // The one refusal was the short key typed on purpose above.
        scene.AssertNoProblems("status of 400");
    }
}
