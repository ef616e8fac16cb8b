using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;
using StoriBoard.Tests.Staff;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// A manager reads the night at /reports: signs in, sees the figures the helpline counted (the same as the API's), their
/// charts and tables, downloads the CSV, and is told plainly when the range is wrong. axe-core finds no violation. The
/// page runs against a gateway of its own, so the first admin and the figures are this test's alone.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class ReportsPageTests(BrowserFixture fixture)
{
    [Fact(Timeout = 240_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_manager_reads_the_nights_figures_their_charts_and_the_csv()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings());
        await StaffHelpline.FirstAdmin(gateway);

        // Two people talk with the AI and end; a third opens a chat and says nothing.
        for (var i = 0; i < 2; i++)
        {
            await using var seeker = await SeekerClient.Connect(gateway.Url);
            var id = (await seeker.StartConversation()).ConversationId;
            await seeker.Send(id, "hi, is this anonymous?");
            await seeker.Messages.WaitFor(m => m.Sender == Sender.Ai, "the AI's reply");
            await seeker.End(id, rating: null);
        }

        await using (var quiet = await SeekerClient.Connect(gateway.Url))
        {
            await quiet.StartConversation();
        }

        var problems = new List<string>();
        var checks = new List<(string State, AxeResult Result)>();
        await using var desk = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = gateway.Url.GetLeftPart(UriPartial.Authority),
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-GB",
            AcceptDownloads = true,
        });
        desk.SetDefaultTimeout(15_000);
        var page = await desk.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"page error: {error}");
            }
        };

        await page.GotoAsync("/reports");
        checks.Add(("signed out", await page.RunAxe()));
        var signIn = page.Locator("#signin-form");
        await signIn.GetByLabel("E-mail address").FillAsync("ada@helpline.example");
        await signIn.GetByLabel("Password", new() { Exact = true }).FillAsync(StaffHelpline.AdminPassword);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#figures")).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync("Ada");

        // Today, by hour: the totals, a chart per figure with its table, and one table of every figure.
        await Expect(page.Locator("#totals dd[data-figure='conversations']")).ToHaveTextAsync("3");
        await Expect(page.Locator("#totals dd[data-figure='aiOnly']")).ToHaveTextAsync("2");
        await Expect(page.Locator("#totals dd[data-figure='peerChats']")).ToHaveTextAsync("0");
        await Expect(page.Locator("#totals dd[data-figure='ratingMean']")).ToHaveTextAsync("–");
        await Expect(page.Locator("#chart-conversations svg rect")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#chart-ai-wait svg rect")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#rows tbody tr")).ToHaveCountAsync(25);
        await Expect(page.Locator("#rows tr.total td").First).ToHaveTextAsync("3");
        var hour = DateTime.UtcNow.ToString("HH:00");
        await page.Locator("#chart-conversations summary").ClickAsync();
        var thisHour = page.Locator("#chart-conversations-table tbody tr", new() { HasText = hour });
        await Expect(thisHour.Locator("td").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-3]$"));
        checks.Add(("figures shown", await page.RunAxe()));

        // The CSV holds the same figures.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = (await File.ReadAllTextAsync((await download.PathAsync())!)).TrimEnd('\n').Split('\n');
        var header = csv[0].Split(',');
        var total = csv[^1].Split(',');
        Assert.Equal("total", total[0]);
        Assert.Equal("3", total[Array.IndexOf(header, "conversations")]);
        Assert.Equal("2", total[Array.IndexOf(header, "ai_only")]);

        // By day, then a range the wrong way round, said in words and changing nothing shown.
        await page.GetByLabel("Rows").SelectOptionAsync("day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#rows tbody tr")).ToHaveCountAsync(2);
        await page.GetByLabel("From (UTC day)").FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#range-error")).ToContainTextAsync("to is on or after from");
        await Expect(page.Locator("#totals dd[data-figure='conversations']")).ToHaveTextAsync("3");
        checks.Add(("range refused", await page.RunAxe()));

        var found = checks
            .SelectMany(c => c.Result.Violations.Select(v =>
                $"{c.State}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"))
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));

        // The refused range answers 400 on purpose; nothing else may go wrong.
        lock (problems)
        {
            Assert.DoesNotContain(problems, p => !p.Contains("400"));
        }
    }
}
