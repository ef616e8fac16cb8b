using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// The transcript keeps at least 40% of the screen's height in its most crowded state (waiting for a person after a
/// red flag, with the crisis lines in view): on a phone, on a phone with the keyboard open, and at 200% zoom on a laptop.
/// The crisis line stays one tap away in each.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class SmallScreenTests(BrowserFixture fixture)
{
    private const double LeastShare = 0.4;

    public static TheoryData<string, int, int> Screens => new()
    {
        { "phone", 390, 844 },
        // The on-screen keyboard takes about half of a phone's height.
        { "phone with the keyboard open", 390, 420 },
        // A 1280 × 720 laptop screen at 200% zoom shows 640 × 360 CSS pixels.
        { "laptop at 200% zoom", 640, 360 },
    };

    [Theory(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    [MemberData(nameof(Screens))]
    public async Task The_transcript_keeps_room_while_waiting_after_a_red_flag(string screen, int width, int height)
    {
        await using var scene = new Scene(fixture);
        var mark = await scene.StartSeekerAsync(width, height);
        await Scene.SendAsSeekerAsync(mark, "I've saved up enough of my tablets and I'm going to take them all tonight.");
        await Expect(mark.Locator("#waiting")).ToBeVisibleAsync();
        await Expect(mark.Locator("#crisis-strip")).ToBeVisibleAsync();
        await mark.Locator("#composer-text").FocusAsync();

        var transcript = await mark.Locator("#scroller").BoundingBoxAsync();
        Assert.NotNull(transcript);
        Assert.True(transcript.Height >= LeastShare * height,
            $"{screen}: the transcript is {transcript.Height:0} px of {height} px");

        // The crisis line is one tap away: a link to call it is on screen, not scrolled out of reach.
        var call = mark.Locator("#crisis-strip a[href^='tel:']").First;
        await Expect(call).ToBeInViewportAsync();
        Assert.True(await mark.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {width}"), $"{screen}: the page scrolls sideways");
        scene.AssertNoProblems();
    }
}
