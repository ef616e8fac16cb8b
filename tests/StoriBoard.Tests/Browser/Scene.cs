using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// The people in one test — help-seekers on phones, supporters at desks — and what the pages
/// must never do: log an error (a Content-Security-Policy violation is one), throw, or open a
/// dialog (which is what injected script would try first).
/// </summary>
public sealed class Scene(BrowserFixture fixture) : IAsyncDisposable
{
    private readonly List<IBrowserContext> contexts = [];
    private readonly List<IPage> consoles = [];
    private readonly List<IPage> seekers = [];
    private readonly List<string> problems = [];

    public BrowserFixture Fixture => fixture;

    public IReadOnlyList<string> Problems => problems;

    public async Task<IPage> OpenSeekerAsync(int width = 390, int height = 844, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await fixture.NewPhoneAsync(width, height);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        Watch(page, "seeker");
        seekers.Add(page);
        if (beforeLoad is not null)
        {
            await beforeLoad(page);
        }

        await page.GotoAsync("/");
        return page;
    }

    /// <summary>Opens a help-seeker page and starts the chat with one tap.</summary>
    public async Task<IPage> StartSeekerAsync(int width = 390, int height = 844, Func<IPage, Task>? beforeLoad = null)
    {
        var page = await OpenSeekerAsync(width, height, beforeLoad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start chatting" }).ClickAsync();
        await Expect(page.Locator("#composer-text")).ToBeFocusedAsync();
        return page;
    }

    /// <summary>Opens the console with a console link (token in the fragment) and waits until the supporter is online.</summary>
    public async Task<IPage> OpenConsoleAsync(string token)
    {
        var context = await fixture.NewDeskAsync();
        contexts.Add(context);
        var page = await context.NewPageAsync();
        Watch(page, "console");
        await page.GotoAsync($"/console#token={Uri.EscapeDataString(token)}");
        await Expect(page.Locator("#capacity")).ToContainTextAsync("Chats:");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Online" })).ToBeCheckedAsync();
        consoles.Add(page);
        return page;
    }

    public static async Task SendAsSeekerAsync(IPage seeker, string text)
    {
        await seeker.Locator("#composer-text").FillAsync(text);
        await seeker.Locator("#composer-text").PressAsync("Enter");
    }

    public static async Task SendAsSupporterAsync(IPage console, string text)
    {
        var reply = console.Locator(".chat-panel:not([hidden]) textarea").First;
        await reply.FillAsync(text);
        await reply.PressAsync("Enter");
    }

    /// <summary>The stored messages on a page whose text is exactly this (a message shown twice counts twice).</summary>
    public static ILocator StoredMessages(IPage page, string text) =>
        page.Locator("li.message[data-message-id]").Filter(new() { Has = page.GetByText(text, new() { Exact = true }) });

    public async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots", $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path });

        // STORIBOARD_UPDATE_SCREENSHOTS=1 refreshes the pictures the README shows.
        if (Environment.GetEnvironmentVariable("STORIBOARD_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, $"{name}.png"), overwrite: true);
        }
    }

    /// <summary>Fails on any problem, except the network errors a test caused on purpose.</summary>
    public void AssertNoProblems(params string[] causedOnPurpose)
    {
        lock (problems)
        {
            Assert.DoesNotContain(problems, problem => !causedOnPurpose.Any(problem.Contains));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Sign supporters out, so that no later test's help-seeker is offered to them. Cleanup is
        // bounded: a page left broken by a failed test must not hang the rest of the suite.
        foreach (var console in consoles)
        {
            await Bounded(async () =>
            {
                await console.Locator("#sign-out").ClickAsync();
                await console.WaitForURLAsync(new Regex("/console$"));
            });
        }

        // End every help-seeker's conversations as the quick exit does, so that no later test's supporter is offered
        // a chat (a red flag above all) that this test left waiting.
        foreach (var seeker in seekers)
        {
            await Bounded(() => seeker.EvaluateAsync("""
                async () => {
                  const token = JSON.parse(sessionStorage.getItem('storiboard.seeker') ?? 'null')?.token;
                  if (token) await fetch('/api/me/quick-exit', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
                }
                """));
        }

        foreach (var context in contexts)
        {
            await Bounded(() => context.CloseAsync());
        }
    }

    private static async Task Bounded(Func<Task> step)
    {
        try
        {
            await step().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception failure) when (failure is PlaywrightException or TimeoutException)
        {
            // The page or context is already gone, or stuck: nothing more to clean up here.
        }
    }

    private void Watch(IPage page, string who)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"{who} console error: {message.Text}");
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
        page.Dialog += async (_, dialog) =>
        {
            lock (problems)
            {
                problems.Add($"{who} opened a dialog: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StoriBoard.Grains.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root was not found above the test output.");
    }
}
