using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// The whole of continuous support as two people meet it, in two windows of real Chromium: Mark's night chat with Jake
/// ends with a plan, a return key and a check-in; Mark closes the page; Jake leaves a note; Mark comes back in a fresh
/// browser with his key, answers the check-in, and asks for Jake again. Only what a person sees and clicks is used.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class TwoEveningsStoryTests(BrowserFixture fixture)
{
    private const string JakesStep = "message Dan from my old job about Thursday's meetup";
    private const string MarksStep = "walk to the shop before lunch";
    private const string JakesNote = "Dan will be glad to hear from you. One message is enough.";

    [Fact(Timeout = 300_000)]
    public async Task Mark_ends_the_night_with_a_plan_and_tells_Jake_how_it_went_the_next_evening()
    {
        await using var scene = new Scene(fixture);
        var checks = new List<(string State, AxeResult Result)>();
        async Task Check(IPage page, string state) => checks.Add((state, await page.RunAxe()));

        // The first night: Mark talks to the AI, then asks for a person; Jake, who lost a job too, accepts.
        var jake = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jake", ["work"], capacity: 2));
        var mark = await scene.StartSeekerAsync();
        await Scene.SendAsSeekerAsync(mark, "I lost my job last month.");
        await Expect(mark.Locator("li.from-ai").First).ToBeVisibleAsync();
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.GetByText("has joined")).ToHaveCountAsync(1);
        await Scene.SendAsSupporterAsync(jake, "Hi, I'm Jake. I lost my job two years ago; the nights were the worst.");
        await Expect(Scene.StoredMessages(mark, "Hi, I'm Jake. I lost my job two years ago; the nights were the worst.")).ToHaveCountAsync(1);
        await Scene.SendAsSeekerAsync(mark, "It's good to hear someone got through it.");
        await Expect(Scene.StoredMessages(jake, "It's good to hear someone got through it.")).ToHaveCountAsync(1);

        // Jake suggests a step; the plan opens on Mark's page by itself, where he adds one of his own and takes Jake's.
        var chat = jake.Locator(".chat-panel:not([hidden])");
        await chat.GetByText("Their plan").ClickAsync();
        await chat.GetByLabel("A step, in the person’s words").FillAsync(JakesStep);
        await chat.GetByLabel("When (optional)").FillAsync("tomorrow");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Suggest step" }).ClickAsync();
        var plan = mark.GetByRole(AriaRole.Complementary, new() { Name = "Your plan and check-ins" });
        await Expect(plan).ToContainTextAsync("suggested by your supporter");
        await plan.GetByLabel("A step, in your own words").FillAsync(MarksStep);
        await plan.GetByLabel("When", new() { Exact = true }).FillAsync("tomorrow morning");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Add step" }).ClickAsync();
        await plan.GetByRole(AriaRole.Button, new() { Name = "Add to my plan" }).ClickAsync();
        await Expect(plan.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(plan).Not.ToContainTextAsync("suggested by your supporter");
        await Expect(chat.Locator(".chat-plan")).ToContainTextAsync(MarksStep);
        await Expect(chat.Locator(".chat-plan")).Not.ToContainTextAsync("waiting for them");

        // He lets Jake follow it: Jake's "People I support" shows him at once, without a Refresh.
        await plan.GetByRole(AriaRole.Button, new() { Name = "Yes, let them follow it" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("Jake can see how your plan goes");
        var person = jake.Locator("#supported-list article");
        await Expect(person).ToHaveCountAsync(1);
        await Expect(person).ToContainTextAsync(JakesStep);

        // Open in the chat on his phone, the plan leaves the messages at least 40% of the screen.
        var transcript = await mark.Locator("#scroller").BoundingBoxAsync();
        Assert.True(transcript!.Height >= 0.4 * 844, $"the transcript is {transcript.Height:0} px of 844 px with the plan open");
        await Expect(mark.GetByRole(AriaRole.Button, new() { Name = "My plan" })).ToBeInViewportAsync(new() { Ratio = 1 });

        // He keeps a return key, written down from the dialog.
        await mark.GetByRole(AriaRole.Button, new() { Name = "Keep a way back to these chats" }).ClickAsync();
        var dialog = mark.GetByRole(AriaRole.Dialog, new() { Name = "Keep a way back to these chats" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Make my return key" }).ClickAsync();
        await Expect(dialog.Locator("#keep-key-phrase")).ToHaveTextAsync(new Regex("^[a-z]+( [a-z]+){6}$"));
        var key = await dialog.Locator("#keep-key-phrase").TextContentAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // He asks to be checked in with tomorrow evening (a few seconds from now in this test).
        await plan.GetByLabel("Check in with me").SelectOptionAsync(new SelectOptionValue { Label = "tomorrow evening" });
        await plan.GetByRole(AriaRole.Button, new() { Name = "Set check-in" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("We'll check in with you");
        await scene.ScreenshotAsync(mark, "seeker-plan-in-chat");
        await Check(mark, "seeker, the plan in a peer chat with a check-in set");

        // The chat ends with a rating.
        await mark.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await mark.GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true }).CheckAsync();
        await mark.Locator("#end-form").GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(mark.GetByRole(AriaRole.Heading, new() { Name = "Thank you for talking with us" })).ToBeVisibleAsync();

        // The check-in's time comes while the page is still open; Mark leaves it for later and closes the page.
        await Expect(mark.GetByRole(AriaRole.Heading, new() { Name = "Checking in" })).ToBeVisibleAsync();
        await mark.Context.CloseAsync();

        // Jake, on his shift, leaves a note after the check-in came: it must still reach Mark with it.
        await person.GetByRole(AriaRole.Textbox).FillAsync(JakesNote);
        await person.GetByRole(AriaRole.Button, new() { Name = "Leave a note for their next check-in" }).ClickAsync();
        await Expect(person.GetByRole(AriaRole.Status)).ToContainTextAsync("Dan will be glad");
        await Check(jake, "console, People I support with a note waiting");

        // The next evening, a fresh browser: his key brings back his chats, his plan and the check-in with Jake's note.
        var back = await scene.OpenSeekerAsync();
        await back.GetByText("Come back with a return key").ClickAsync();
        await back.GetByLabel("Your return key (seven words)").FillAsync(key!);
        await back.GetByRole(AriaRole.Button, new() { Name = "Come back" }).ClickAsync();
        await Expect(back.GetByRole(AriaRole.Heading, new() { Name = "Your chats" })).ToBeVisibleAsync();
        var checkIn = back.Locator("#check-in");
        await Expect(checkIn.GetByRole(AriaRole.Heading, new() { Name = "Checking in" })).ToBeVisibleAsync();
        await Expect(checkIn).ToContainTextAsync($"Jake left you a note: {JakesNote}");
        await Expect(back.GetByRole(AriaRole.Complementary, new() { Name = "Your plan and check-ins" })).ToContainTextAsync(MarksStep);
        await scene.ScreenshotAsync(back, "seeker-check-in-on-return");
        await Check(back, "seeker, a check-in waiting on coming back with a key");

        await checkIn.GetByLabel("4 – good").CheckAsync();
        await checkIn.GetByRole(AriaRole.Group, new() { Name = JakesStep }).GetByLabel("done").CheckAsync();
        await checkIn.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var backPlan = back.GetByRole(AriaRole.Complementary, new() { Name = "Your plan and check-ins" });
        await Expect(backPlan).ToContainTextAsync("Thank you for checking in.");
        await Expect(checkIn).ToHaveCountAsync(0);
        await Expect(backPlan.GetByRole(AriaRole.Listitem).Filter(new() { HasText = JakesStep })).ToContainTextAsync("(done)");

        // Jake sees the step done as it happens, and the mood with a Refresh.
        await Expect(person.Locator(".plan-step").Filter(new() { HasText = JakesStep })).ToContainTextAsync("(done)");
        await jake.Locator("#supported").GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(person.Locator(".moods")).ToHaveTextAsync(new Regex("Check-in moods: 4/5"));
        await scene.ScreenshotAsync(jake, "console-people-i-support");
        await Check(jake, "console, People I support after a check-in");

        // Mark asks for Jake again from a new chat, and Jake gets the offer.
        await back.GetByRole(AriaRole.Button, new() { Name = "Start a new chat" }).ClickAsync();
        await Expect(back.Locator("#composer-text")).ToBeVisibleAsync();
        await back.GetByRole(AriaRole.Button, new() { Name = "My plan" }).ClickAsync();
        await back.GetByRole(AriaRole.Button, new() { Name = "Ask for Jake again" }).ClickAsync();
        await Expect(back.GetByRole(AriaRole.Heading, new() { Name = "Finding a peer supporter for you" })).ToBeVisibleAsync();
        var offer = jake.Locator("article.offer").First;
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(back.GetByText("Jake has joined")).ToHaveCountAsync(1);

        var found = checks
            .SelectMany(c => c.Result.Violations.Select(v =>
                $"{c.State}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        scene.AssertNoProblems();
    }

    [Fact(Timeout = 120_000)]
    public async Task Talk_to_a_person_waits_until_the_conversation_exists()
    {
        await using var scene = new Scene(fixture);

        // The connection is held back, so the conversation cannot start until the test lets it.
        var letThrough = new TaskCompletionSource();
        var mark = await scene.OpenSeekerAsync(beforeLoad: page => page.RouteAsync("**/hubs/seeker/negotiate**", async route =>
        {
            await letThrough.Task;
            await route.ContinueAsync();
        }));
        await mark.GetByRole(AriaRole.Button, new() { Name = "Start chatting" }).ClickAsync();
        var askPerson = mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" });
        await Expect(askPerson).ToBeVisibleAsync();
        await Expect(askPerson).ToBeDisabledAsync();

        letThrough.SetResult();
        await Expect(askPerson).ToBeEnabledAsync();
        await askPerson.ClickAsync();
        await Expect(mark.GetByRole(AriaRole.Heading, new() { Name = "Finding a peer supporter for you" })).ToBeVisibleAsync();
        await Expect(mark.Locator("#messages")).Not.ToContainTextAsync("conversationId");
        scene.AssertNoProblems();
    }
}
