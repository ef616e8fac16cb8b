using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// Staffing a night from the pages alone: the first admin sets a password from their link and signs in at /admin,
/// invites a supporter, who accepts in their own browser, signs in to the console and goes online; the admin sees
/// them online with their load, and deactivates them, which ends their console session at once. axe-core finds no
/// violation on the admin page in any of these states.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AdminPageTests(BrowserFixture fixture)
{
    private const string AdminPassword = "the kettle is always on at night";
    private const string SupporterPassword = "walking the dog before dawn";

    [Fact(Timeout = 240_000)] // a hang fails this test instead of stalling the whole run
    public async Task An_admin_invites_a_supporter_who_signs_in_and_goes_online_and_is_deactivated_from_the_page()
    {
        var problems = new List<string>();
        var checks = new List<(string State, AxeResult Result)>();
        async Task Check(IPage page, string state) => checks.Add((state, await page.RunAxe()));
        var unique = Guid.NewGuid().ToString("N")[..8];
        var adminEmail = $"ada.{unique}@helpline.example";
        var jakeEmail = $"jake.{unique}@helpline.example";

        // The operator's one use of the shared key, on the page: the first admin's invite, opened at once.
        await using var adminDesk = await fixture.NewDeskAsync();
        var admin = await Open(adminDesk, "/admin", "admin", problems);
        await admin.GetByText("First start: the helpline has no admin yet").ClickAsync();
        var firstStart = admin.Locator("#first-admin-form");
        await firstStart.GetByLabel("Admin key").FillAsync("not the key the gateway printed");
        await firstStart.GetByLabel("Your e-mail address").FillAsync(adminEmail);
        await firstStart.GetByLabel("Your name").FillAsync("Ada");
        await firstStart.GetByRole(AriaRole.Button, new() { Name = "Make my invite" }).ClickAsync();
        await Expect(admin.Locator("#first-error")).Not.ToBeEmptyAsync();
        await Expect(admin.Locator("#accept")).ToBeHiddenAsync();
        await firstStart.GetByLabel("Admin key").FillAsync(fixture.Gateway.AdminKey);
        await firstStart.GetByRole(AriaRole.Button, new() { Name = "Make my invite" }).ClickAsync();
        await Expect(admin.Locator("#accept")).ToBeVisibleAsync();
        await Check(admin, "admin, choosing a password");
        await admin.GetByLabel("New password").FillAsync(AdminPassword);
        await admin.GetByLabel("The same password again").FillAsync(AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await Expect(admin.Locator("#accepted")).ToBeVisibleAsync();
        await Check(admin, "admin, password set");

        await admin.GotoAsync("/admin");
        var signIn = admin.Locator("#signin-form");
        await signIn.GetByLabel("E-mail address").FillAsync(adminEmail);
        await signIn.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password at all");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(admin.Locator("#signin-error")).ToContainTextAsync("do not match");
        await Check(admin, "admin, sign-in refused");
        await signIn.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminPassword);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(admin.Locator("#manage")).ToBeVisibleAsync();
        await Expect(admin.Locator("#who")).ToHaveTextAsync("Ada");
        await Check(admin, "admin, signed in");

        // The invite, with the link to copy.
        var invite = admin.Locator("#invite-form");
        await invite.GetByLabel("E-mail address").FillAsync(jakeEmail);
        await invite.GetByLabel("Name shown to help-seekers").FillAsync("Jake");
        await invite.GetByLabel("grief", new() { Exact = true }).CheckAsync();
        await invite.GetByLabel("Chats at once").FillAsync("2");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Create invite" }).ClickAsync();
        await Expect(admin.Locator("#invite-link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/admin#invite="));
        var link = await admin.Locator("#invite-link").InputValueAsync();
        var row = admin.Locator("#staff-list tr", new() { HasText = jakeEmail });
        await Expect(row.Locator(".status")).ToHaveTextAsync("Invited");
        await Check(admin, "admin, invite created");

        // Jake, in a browser of his own: sets his password, signs in to the console, goes online.
        await using var jakeDesk = await fixture.NewDeskAsync();
        var jake = await Open(jakeDesk, link, "jake", problems);
        await jake.GetByLabel("New password").FillAsync(SupporterPassword);
        await jake.GetByLabel("The same password again").FillAsync(SupporterPassword);
        await jake.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
        await jake.GetByRole(AriaRole.Link, new() { Name = "Sign in to the console" }).ClickAsync();
        await jake.WaitForURLAsync("**/console");
        await jake.Locator("#staff-signin-form").GetByLabel("E-mail address").FillAsync(jakeEmail);
        await jake.Locator("#staff-signin-form").GetByLabel("Password", new() { Exact = true }).FillAsync(SupporterPassword);
        await jake.Locator("#staff-signin-form").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(jake.Locator("#capacity")).ToContainTextAsync("Chats:");
        await Expect(jake.GetByRole(AriaRole.Radio, new() { Name = "Online" })).ToBeCheckedAsync();

        // The admin sees him online with his load.
        await Eventually.True(async () =>
        {
            await admin.Locator("#search-form").GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            return await row.Locator(".presence").TextContentAsync() == "Online";
        }, "Jake to show online on the admin page");
        await Expect(row.Locator(".load")).ToHaveTextAsync("0 of 2");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Edit Jake" }).ClickAsync();
        await Expect(admin.Locator("#edit")).ToBeVisibleAsync();
        await Check(admin, "admin, editing");
        await admin.Locator("#edit-form").GetByLabel("Chats at once").FillAsync("3");
        await admin.Locator("#edit-form").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row.Locator(".load")).ToHaveTextAsync("0 of 3");

        // Jake's first chat: he ends it first with a private note; Mark can still rate it; the admin reads both.
        await using var markPhone = await fixture.NewPhoneAsync();
        var mark = await Open(markPhone, "/", "mark", problems);
        await mark.GetByRole(AriaRole.Button, new() { Name = "Start chatting" }).ClickAsync();
        await Scene.SendAsSeekerAsync(mark, "My mum died in the spring.");
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.Locator("li.from-system", new() { HasText = "Jake has joined" })).ToHaveCountAsync(1);
        var jakesChat = jake.Locator(".chat-panel:not([hidden])");
        await jakesChat.GetByRole(AriaRole.Button, new() { Name = "End chat…" }).ClickAsync();
        await jakesChat.GetByLabel("Private note").FillAsync("Talked about her mum's garden; she will call her brother tomorrow.");
        await jakesChat.Locator("form.end-note").GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(mark.Locator("#ended-message")).ToContainTextAsync("Jake has ended the chat");
        var rateAfter = mark.Locator("#rate-after");
        await rateAfter.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(mark.Locator("#rate-after-status")).ToContainTextAsync("Choose a number first");
        await rateAfter.GetByLabel("5 – a lot").CheckAsync();
        await Check(mark, "seeker, rating after the supporter ended");
        await rateAfter.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(mark.Locator("#rate-after-status")).ToContainTextAsync("Thank you");
        await Expect(rateAfter).ToBeHiddenAsync();

        await admin.GetByRole(AriaRole.Button, new() { Name = "Wrap-ups of Jake" }).ClickAsync();
        var wrapUp = admin.Locator("#wrap-ups tbody tr");
        await Expect(wrapUp).ToHaveCountAsync(1);
        await Expect(wrapUp).ToContainTextAsync("5 of 5");
        await Expect(wrapUp).ToContainTextAsync("she will call her brother tomorrow");
        await Expect(admin.Locator("#wrap-ups p[role=status]")).ToContainTextAsync("1 chat; 1 rated, 5.0 out of 5 on average");
        await Check(admin, "admin, reading wrap-ups");
        await admin.Locator("#wrap-ups").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // Deactivated: his console is signed out at once and cannot come back.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Deactivate Jake" }).ClickAsync();
        await Expect(row.Locator(".status")).ToHaveTextAsync("Deactivated");
        await Expect(jake.Locator("#signin-error")).ToContainTextAsync("session has ended", new() { Timeout = 10_000 });
        await Expect(jake.Locator("#desk")).ToBeHiddenAsync();
        await jake.Locator("#staff-signin-form").GetByLabel("E-mail address").FillAsync(jakeEmail);
        await jake.Locator("#staff-signin-form").GetByLabel("Password", new() { Exact = true }).FillAsync(SupporterPassword);
        await jake.Locator("#staff-signin-form").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(jake.Locator("#signin-error")).ToContainTextAsync("do not match");

        await admin.Locator("#audit-refresh").ClickAsync();
        await Expect(admin.Locator("#audit-list tr[data-action='staff.deactivated']")).ToHaveCountAsync(1);
        await Expect(admin.Locator("#audit-list tr[data-action='staff.invite_accepted']")).ToHaveCountAsync(2);
        await Expect(admin.Locator("#audit-list tr[data-action='wrap_ups.read']")).ToHaveCountAsync(1);
        await Check(admin, "admin, after deactivating");

        var found = checks
            .SelectMany(c => c.Result.Violations.Select(v =>
                $"{c.State}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));

        // Refused sign-ins and the refused reconnect answer 401 on purpose; nothing else may go wrong.
        lock (problems)
        {
            Assert.DoesNotContain(problems, p => !p.Contains("401"));
        }
    }

    private static async Task<IPage> Open(IBrowserContext context, string url, string who, List<string> problems)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"{who}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"{who} page error: {error}");
            }
        };
        await page.GotoAsync(url);
        return page;
    }
}
