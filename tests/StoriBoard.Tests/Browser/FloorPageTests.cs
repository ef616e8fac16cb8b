using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;
using StoriBoard.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// A supervisor signs in to /floor on a desk-sized screen and on a tablet, sees a red flag appear while the person
/// waits, hears the alarm once it has waited past the helpline's (here short) threshold, and opens its pane. axe-core
/// finds no violation on the floor in any of these states.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class FloorPageTests(BrowserFixture fixture)
{
    [Fact(Timeout = 240_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_supervisor_sees_a_waiting_red_flag_appear_live_with_its_alarm_and_opens_its_pane()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings
        {
            Environment = new Dictionary<string, string> { ["StoriBoard__Floor__RedFlagAlarmAfter"] = "00:00:03" },
        });
        var admin = await StaffHelpline.FirstAdmin(gateway);
        var email = $"priya.{Guid.NewGuid():N}@helpline.example";
        var priya = await StaffHelpline.Supporter(gateway.Url, admin, email, "Priya", role: "supervisor");
        await StaffHelpline.Supporter(gateway.Url, admin, $"jake.{Guid.NewGuid():N}@helpline.example", "Jake");

        var checks = new List<(string State, AxeResult Result)>();
        var problems = new List<string>();
        await using var desk = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = gateway.Url.ToString(),
            ViewportSize = new() { Width = 1280, Height = 800 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        desk.SetDefaultTimeout(15_000);
        var floor = await desk.NewPageAsync();
        floor.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add(message.Text);
                }
            }
        };
        floor.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add(error);
            }
        };

        await floor.GotoAsync("/floor");
        checks.Add(("signing in", await floor.RunAxe()));
        await floor.GetByLabel("E-mail address").FillAsync(email);
        await floor.GetByLabel("Password", new() { Exact = true }).FillAsync(StaffHelpline.SupporterPassword);
        await floor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(floor.Locator("#floor")).ToBeVisibleAsync();
        await Expect(floor.Locator("#who")).ToHaveTextAsync("Priya");
        await Expect(floor.Locator("#red-flags-empty")).ToBeVisibleAsync();
        checks.Add(("an empty floor", await floor.RunAxe()));

        // A person writes the words of a red flag; nobody crisis-trained is online.
        await using var mark = await SeekerClient.Connect(gateway.Url);
        var conversation = (await mark.StartConversation()).ConversationId;
        await mark.Send(conversation, "I've already taken all my tablets");

        var flag = floor.Locator($"#red-flags li[data-conversation-id='{conversation}']");
        await Expect(flag).ToContainTextAsync("imminent, medical");
        await Expect(flag).ToContainTextAsync("waiting, nobody yet");
        await Expect(floor.Locator("#waiting-by-risk tr", new() { HasText = "imminent" }).Locator("td").First).ToHaveTextAsync("1");
        await Expect(flag.Locator(".for-how-long")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^for \d+ s$"));

        // Past the threshold: the alarm, said to screen readers (role="alert") and shown on the red flag.
        await Expect(floor.Locator("#alarm")).ToContainTextAsync("Alarm: a red flag has waited more than 3 s");
        await Expect(floor.Locator("#alarm")).ToHaveAttributeAsync("role", "alert");
        await Expect(flag).ToHaveClassAsync("alarmed");
        checks.Add(("an alarm", await floor.RunAxe()));

        await flag.GetByRole(AriaRole.Button, new() { Name = "Open red flag 1" }).ClickAsync();
        await Expect(floor.Locator("#pane")).ToBeVisibleAsync();
        await Expect(floor.Locator("#pane-title")).ToBeFocusedAsync();
        await Expect(floor.Locator("#pane-summary")).ToHaveTextAsync("Red flag (imminent), nobody yet.");
        await Expect(floor.Locator("#pane-transcript li", new() { HasText = "I've already taken all my tablets" })).ToHaveCountAsync(1);
        await Expect(floor.Locator("#pane-error")).ToBeEmptyAsync();
        await Expect(floor.Locator("#pane-reassign option")).ToHaveCountAsync(0); // Jake has not come online
        checks.Add(("a conversation's pane", await floor.RunAxe()));

        // Priya steps in: she takes the red flag from the queue and writes to Mark from the pane.
        await floor.GetByRole(AriaRole.Button, new() { Name = "Take over" }).ClickAsync();
        await Expect(floor.Locator("#announce")).ToHaveTextAsync("You have taken over the chat.");
        await mark.Conversations.WaitFor(c => c.Status == ConversationStatus.Peer && c.Supporter?.DisplayName == "Priya", "Mark to see Priya join");
        await Expect(flag).ToHaveCountAsync(0);
        await floor.Locator("#pane-send").FillAsync("I'm Priya, and I'm here with you now. Are you somewhere safe?");
        await floor.Locator("#pane-send-form").GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await mark.Messages.WaitFor(m => m.Sender == Sender.Supporter && m.SenderName == "Priya", "Priya's message to reach Mark");
        checks.Add(("after taking over", await floor.RunAxe()));

        // Mark ends and rates the chat. Priya goes online for chats from her console, so she is on the floor's list of
        // supporters, where a supervisor reads how anyone's chats were left.
        await mark.End(conversation, 5);
        await using var priyaAtConsole = await SupporterClient.Connect(gateway.Url, StaffHelpline.AsSupporter(priya));
        await floor.GetByRole(AriaRole.Button, new() { Name = "Wrap-ups of Priya" }).ClickAsync();
        await Expect(floor.Locator("#wrap-ups tbody tr")).ToContainTextAsync("5 of 5");
        await Expect(floor.Locator("#wrap-ups tbody tr")).ToContainTextAsync("imminent, a red flag");
        checks.Add(("reading wrap-ups", await floor.RunAxe()));

        // A tablet held upright.
        await floor.SetViewportSizeAsync(768, 1024);
        await Expect(floor.Locator("#staff li", new() { HasText = "Priya" })).ToBeVisibleAsync();
        checks.Add(("a tablet", await floor.RunAxe()));

        var found = checks
            .SelectMany(c => c.Result.Violations.Select(v =>
                $"{c.State}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        lock (problems)
        {
            Assert.Empty(problems);
        }
    }
}
