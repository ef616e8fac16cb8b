using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// Keeping a passkey on one phone and coming back with it on another, in real Chromium with its virtual authenticator.
/// The second phone holds a copy of the same credential, as a synced passkey would be.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class PasskeyPageTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task A_passkey_kept_in_one_browser_brings_the_person_back_in_a_fresh_one_and_opens_nothing_after_delete()
    {
        // Passkeys are bound to a domain, and browsers refuse an IP address: this gateway is reached as localhost.
        var settings = new HostSettings();
        var origin = $"http://localhost:{settings.HttpPort}";
        await using var gateway = await GatewayProcess.Start(settings with
        {
            Environment = new Dictionary<string, string> { ["StoriBoard__Passkeys__Origins"] = origin },
        });
        var problems = new List<string>();

        var (first, firstDevice) = await Phone(origin, problems);
        await first.GotoAsync("/");
        await first.GetByRole(AriaRole.Button, new() { Name = "Start chatting" }).ClickAsync();
        const string said = "Exams are next week and I keep freezing when I try to revise.";
        await Scene.SendAsSeekerAsync(first, said);
        await Expect(first.Locator("li.from-ai").First).ToBeVisibleAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await first.Locator("#end-form").GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(first.Locator("#ended")).ToBeVisibleAsync();

        await first.GetByRole(AriaRole.Button, new() { Name = "Keep a way back to these chats" }).ClickAsync();
        var dialog = first.GetByRole(AriaRole.Dialog, new() { Name = "Keep a way back to these chats" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep a passkey on this device" }).ClickAsync();
        await Expect(dialog.Locator("#keep-key-status")).ToContainTextAsync("Your passkey is kept on this device");

        // One discoverable credential, made with a random user handle and the neutral label, on this site only.
        var credentials = (await firstDevice.Session.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = firstDevice.Id }))!
            .Value.GetProperty("credentials");
        var credential = Assert.Single(credentials.EnumerateArray().ToArray());
        Assert.True(credential.GetProperty("isResidentCredential").GetBoolean());
        Assert.Equal("localhost", credential.GetProperty("rpId").GetString());
        Assert.Equal(32, Convert.FromBase64String(credential.GetProperty("userHandle").GetString()!).Length);

        // A fresh browser holding the same passkey: one tap, no name, no words.
        var (second, secondDevice) = await Phone(origin, problems);
        await secondDevice.Session.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = secondDevice.Id,
            ["credential"] = JsonSerializer.Deserialize<Dictionary<string, object>>(credential.GetRawText())!,
        });
        await second.GotoAsync("/");
        await second.GetByRole(AriaRole.Button, new() { Name = "Come back with a passkey" }).ClickAsync();
        await Expect(second.Locator("#past")).ToBeVisibleAsync();
        var chat = second.Locator("#past-list li");
        await Expect(chat).ToHaveCountAsync(1);
        await Expect(chat).ToContainTextAsync("Ended");
        await chat.GetByRole(AriaRole.Button, new() { Name = "Read this chat" }).ClickAsync();
        await Expect(second.Locator("#past-messages li.from-seeker")).ToHaveTextAsync(new Regex(Regex.Escape(said)));

        // "Delete my data" erases the passkey's record too: the same passkey then opens nothing, and says so.
        await second.Locator("#past-delete").ClickAsync();
        await Expect(second.Locator("#past-status")).ToContainTextAsync("erased");
        await second.GotoAsync("/");
        await second.GetByRole(AriaRole.Button, new() { Name = "Come back with a passkey" }).ClickAsync();
        await Expect(second.Locator("#come-back-passkey-error")).ToContainTextAsync("did not open anything");
        await Expect(second.Locator("#welcome")).ToBeVisibleAsync();

        // Reached by IP address, where a browser refuses passkeys, the page does not offer one.
        var (byAddress, _) = await Phone(gateway.Url.GetLeftPart(UriPartial.Authority), problems);
        await byAddress.GotoAsync("/");
        await Expect(byAddress.GetByText("Come back with a return key")).ToBeVisibleAsync();
        await Expect(byAddress.Locator("#come-back-passkey")).ToBeHiddenAsync();

        // The one refusal was the deleted passkey's, on purpose above.
        Assert.DoesNotContain(problems, p => !p.Contains("status of 401", StringComparison.Ordinal));
    }

    /// <summary>A phone with a platform authenticator that keeps passkeys and verifies its user, as a phone's does.</summary>
    private async Task<(IPage Page, (ICDPSession Session, string Id) Device)> Phone(string origin, List<string> problems)
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = origin, Locale = "en-GB", ViewportSize = new() { Width = 390, Height = 844 } });
        contexts.Add(context);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
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
                problems.Add(error);
            }
        };
        var session = await context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable");
        var added = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });
        return (page, (session, added!.Value.GetProperty("authenticatorId").GetString()!));
    }
}
