using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// A reply to a situation, through the real gateway and classifier, on a phone: it says back what the person said,
/// and opens at its top with that and the first step on screen, the rest behind "More".
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class SituationReplyPageTests(BrowserFixture fixture)
{
    public static TheoryData<string, string, int, int> Replies => new()
    {
        { "my boss humiliated me in front of everyone today", "your boss humiliated you in front of everyone today", 390, 844 },
        { "I relapsed last night after 2 years sober. I hate myself", "you'd been sober for two years, you relapsed last night", 390, 844 },
        { "exam results tomorrow", "your exam results come out tomorrow", 360, 640 },
        { "I killed it at my presentation today but still feel empty", "your presentation went really well today, and you still feel empty", 360, 640 },
    };

    [Theory(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    [MemberData(nameof(Replies))]
    public async Task A_situation_reply_says_it_back_and_opens_at_its_top_on_a_phone(string message, string saidBack, int width, int height)
    {
        await using var scene = new Scene(fixture);
        var seeker = await scene.StartSeekerAsync(width, height);

        await Scene.SendAsSeekerAsync(seeker, message);

        var reply = seeker.Locator("li.from-ai").First;
        var acknowledgement = reply.Locator(".acknowledgement").First;
        await Expect(acknowledgement).ToContainTextAsync(saidBack);
        await Expect(acknowledgement).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(reply.Locator(".coping li").First).ToBeInViewportAsync();
        await Expect(reply.Locator(".resource li a[href^='http']").First).ToBeHiddenAsync();
        await reply.Locator(".more summary").ClickAsync();
        await Expect(reply.Locator(".resource li a[href^='http']").First).ToBeVisibleAsync();
        Assert.True(await seeker.EvaluateAsync<bool>($"() => document.documentElement.scrollWidth <= {width}"), "the page scrolls sideways");
        scene.AssertNoProblems();
    }
}
