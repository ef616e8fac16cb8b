using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;
using StoriBoard.Tests.Supervision;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// What the two chat pages show when a supervisor steps in: the console shows a whisper as one, and the help-seeker's
/// page never shows it, live or after a reload; a chat taken over leaves the supporter's list with a notice.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class SupervisorInChatPagesTests(BrowserFixture fixture)
{
    private const string WhisperText = "Ask him whether his sister is around this weekend";

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task The_console_shows_a_supervisors_whisper_and_the_seekers_page_never_does()
    {
        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jake", ["work"]));
        var mark = await scene.StartSeekerAsync();
        await Scene.SendAsSeekerAsync(mark, "hi, my manager keeps piling work on me");
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.Locator("li.from-system", new() { HasText = "has joined" })).ToContainTextAsync("Jake has joined");
        var conversationId = await mark.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('storiboard.seeker')).conversationId");

        await using var sam = await SupporterClient.Connect(fixture.Gateway.Url,
            await SupporterClient.Register(fixture.Gateway.Url, fixture.Gateway.AdminKey, "Sam", [], role: "supervisor"), online: false);
        await sam.Join(conversationId);
        const string joined = "Sam, a supervisor, has joined the conversation.";
        await Expect(Scene.StoredMessages(mark, joined)).ToHaveCountAsync(1);
        await Expect(Scene.StoredMessages(jake, joined)).ToHaveCountAsync(1);

        // Seen by both, with the supervisor's name and role.
        const string hello = "Hello Mark, I'm Sam. I'm here with Jake tonight.";
        await sam.Send(conversationId, hello);
        await Expect(mark.Locator("li.from-supervisor").Filter(new() { HasText = hello }).Locator(".sender")).ToContainTextAsync("Sam, supervisor");
        await Expect(jake.Locator("li.from-supervisor:not(.whisper)").Filter(new() { HasText = hello })).ToHaveCountAsync(1);

        await sam.Whisper(conversationId, WhisperText);
        var whisper = jake.Locator("li.from-supervisor.whisper").Filter(new() { HasText = WhisperText });
        await Expect(whisper.Locator(".sender")).ToContainTextAsync("Whisper from Sam (only you can see this)");
        await whisper.ScrollIntoViewIfNeededAsync();
        await scene.ScreenshotAsync(jake, "console-whisper");

        // What Jake writes next reaches Mark, and the whisper before it never does, live or after a reload.
        const string next = "Is anyone around you this weekend?";
        await Scene.SendAsSupporterAsync(jake, next);
        await Expect(Scene.StoredMessages(mark, next)).ToHaveCountAsync(1);
        await Expect(mark.GetByText(WhisperText)).ToHaveCountAsync(0);
        await mark.ReloadAsync();
        await Expect(Scene.StoredMessages(mark, next)).ToHaveCountAsync(1);
        await Expect(Scene.StoredMessages(mark, hello)).ToHaveCountAsync(1);
        await Expect(mark.GetByText(WhisperText)).ToHaveCountAsync(0);
        await Expect(mark.Locator("li.whisper")).ToHaveCountAsync(0);

        // Taken over: the chat leaves Jake's list, and he reads who has it now.
        await sam.TakeOver(conversationId);
        await Expect(jake.Locator("#handed-over")).ToContainTextAsync("Sam, a supervisor, is taking over from Jake.");
        await Expect(jake.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        await Expect(mark.Locator("li.from-system").Filter(new() { HasText = "taking over from Jake" })).ToHaveCountAsync(1);

        scene.AssertNoProblems();
    }
}
