using System.Net.Http.Json;
using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// One real gateway process and one Chromium for all browser tests: each test opens its own
/// browser contexts (a help-seeker's phone, a supporter's desk) and its own supporters.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Debian's Chromium: Playwright's own browser download does not work on these machines.
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;
    private GatewayProcess? gateway;

    /// <summary>An embedded-mode gateway, as `dotnet run` starts it: demo supporters included.</summary>
    public GatewayProcess Gateway => gateway ?? throw new InvalidOperationException("The gateway has not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public string BaseUrl => Gateway.Url.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        // Check-ins come a few seconds after they are set, so a page can show one and have it answered.
        gateway = await GatewayProcess.Start(new HostSettings
        {
            Environment = new Dictionary<string, string> { ["StoriBoard__CheckIns__Delay"] = "00:00:03" },
        });
        await WarmUpClassifierAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ChromiumArgs });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (gateway is not null)
        {
            await gateway.DisposeAsync();
        }
    }

    /// <summary>A help-seeker on a small phone in Britain.</summary>
    public Task<IBrowserContext> NewPhoneAsync(int width = 390, int height = 844) =>
        NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            HasTouch = true,
        });

    /// <summary>A supporter at a desk.</summary>
    public Task<IBrowserContext> NewDeskAsync() =>
        NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });

    /// <summary>
    /// Every wait in a browser test gives up after 15 s (a page load after 30 s, for a machine busy
    /// with other builds), so that a broken page fails fast instead of hanging the suite.
    /// </summary>
    private async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>
    /// The classifier loads its models on first use, which takes seconds on a small machine: pay
    /// for it here rather than in whichever test happens to send the first message.
    /// </summary>
    private async Task WarmUpClassifierAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/classify")
        {
            Content = JsonContent.Create(new { text = "I have been feeling a bit low this week." }),
        };
        request.Headers.Add("X-Admin-Key", Gateway.AdminKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Registers a supporter through the admin API and returns their token.</summary>
    public async Task<string> CreateSupporterAsync(
        string displayName, string[] livedExperience, bool crisisTrained = false, int capacity = 3, string role = "supporter")
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/supporters")
        {
            Content = JsonContent.Create(new
            {
                displayName,
                livedExperience,
                languages = new[] { "en" },
                crisisTrained,
                maxConcurrentChats = capacity,
                role,
            }),
        };
        request.Headers.Add("X-Admin-Key", Gateway.AdminKey);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedSupporter>();
        return created?.Token ?? throw new InvalidOperationException("No token in the answer.");
    }

    private sealed record CreatedSupporter(string SupporterId, string Token);
}
