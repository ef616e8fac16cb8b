using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// The plan and the check-in in real Chromium: Jake suggests a step in the chat, Mark adds it to his plan and lets Jake
/// follow it, Jake leaves a note, and Mark answers the check-in on the page that carries it.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ContinuityPagesTests(BrowserFixture fixture)
{
    [Fact(Timeout = 180_000)]
    public async Task Mark_answers_a_check_in_on_the_page_and_Jake_sees_how_it_went()
    {
        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jake", ["work"], capacity: 2));
        var mark = await scene.StartSeekerAsync();
        await Scene.SendAsSeekerAsync(mark, "I lost my job last month");
        await Expect(mark.Locator("li.from-ai").First).ToBeVisibleAsync();
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.Locator("li.from-system", new() { HasText = "has joined" })).ToHaveCountAsync(1);

        // Jake suggests a step in the chat; Mark sees it suggested and adds it to his plan.
        var chat = jake.Locator(".chat-panel:not([hidden])");
        await chat.Locator("details.chat-plan summary").ClickAsync();
        await chat.GetByLabel("A step, in the person’s words").FillAsync("message Dan from my old job about Thursday's meetup");
        await chat.GetByLabel("When (optional)").FillAsync("tomorrow");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Suggest step" }).ClickAsync();
        var plan = mark.Locator("#continuity");
        await Expect(plan.Locator(".plan-step")).ToContainTextAsync("suggested by your supporter");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Add to my plan" }).ClickAsync();
        await Expect(chat.Locator(".chat-plan .plan-step")).Not.ToContainTextAsync("waiting for them");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Yes, let them follow it" }).ClickAsync();
        await Expect(plan.Locator(".plan-consent")).ToContainTextAsync("Jake can see how your plan goes");
        await scene.ScreenshotAsync(mark, "seeker-plan");

        // Jake's "People I support" shows Mark's plan, and he leaves a note for the check-in.
        await jake.Locator("#supported-refresh").ClickAsync();
        var person = jake.Locator("#supported-list article.supported-person");
        await Expect(person).ToHaveCountAsync(1);
        await person.Locator("textarea").FillAsync("Dan will be glad to hear from you.");
        await person.GetByRole(AriaRole.Button, new() { Name = "Leave a note for their next check-in" }).ClickAsync();
        await Expect(person.Locator(".status")).ToContainTextAsync("Dan will be glad");

        // Mark asks to be checked in with; the check-in comes to the open page with Jake's note.
        await plan.Locator("#check-in-when").SelectOptionAsync("1|evening");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Set check-in" }).ClickAsync();
        var checkIn = mark.Locator("#check-in");
        await Expect(checkIn).ToBeVisibleAsync();
        await Expect(checkIn.Locator(".check-in-note")).ToContainTextAsync("Jake left you a note: Dan will be glad to hear from you.");
        await scene.ScreenshotAsync(mark, "seeker-check-in");
        await checkIn.GetByLabel("4 – good").CheckAsync();
        await checkIn.Locator(".check-in-step").GetByLabel("done").CheckAsync();
        await checkIn.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(plan).ToContainTextAsync("Thank you for checking in.");
        await Expect(checkIn).ToHaveCountAsync(0);
        await Expect(plan.Locator(".plan-step")).ToContainTextAsync("(done)");

        await jake.Locator("#supported-refresh").ClickAsync();
        await Expect(person.Locator(".plan-step")).ToContainTextAsync("(done)");
        await Expect(person.Locator(".moods")).ToHaveTextAsync(new Regex("Check-in moods: 4/5"));
        scene.AssertNoProblems();
    }
}
