using System.Text.RegularExpressions;
using Microsoft.Playwright;
using StoriBoard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace StoriBoard.Tests.Browser;

/// <summary>
/// The help-seeker page and the supporter console in real Chromium against a real gateway:
/// DESIGN.md's story of Mark and Jake, a cut connection, injected markup, the quick exit,
/// keyboard-only use and red flags.
/// </summary>
[Trait("Tier", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class HelplinePagesTests(BrowserFixture fixture)
{
    private const string MarksFirstMessage =
        "My job is shaky after a restructuring at work, my girlfriend left me three months ago and I feel so lonely at night.";

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task Mark_and_Jake_from_the_first_message_to_deleting_the_data()
    {
        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(
            await fixture.CreateSupporterAsync("Jake", ["relationship", "work"], capacity: 2));
        await scene.ScreenshotAsync(jake, "console-signed-in");

        var mark = await scene.OpenSeekerAsync();
        await Expect(mark.Locator("#welcome-crisis")).ToContainTextAsync("116 123");
        await Expect(mark.Locator("#welcome-crisis a[href='tel:116123']")).ToBeVisibleAsync();
        await scene.ScreenshotAsync(mark, "seeker-welcome");
        await mark.GetByRole(AriaRole.Button, new() { Name = "Start chatting" }).ClickAsync();

        // The AI answers from its parts: acknowledgement, coping list, exercise card, resources. On a phone the reply
        // opens at its top, with the acknowledgement and the first step on screen and the rest behind "More".
        await Scene.SendAsSeekerAsync(mark, MarksFirstMessage);
        var reply = mark.Locator("li.from-ai").First;
        await Expect(reply.Locator(".acknowledgement").First).ToBeInViewportAsync();
        await Expect(reply.Locator(".coping li").First).ToBeInViewportAsync();
        await Expect(reply.Locator(".resource li a[href^='http']").First).ToBeHiddenAsync();
        await reply.Locator(".more summary").ClickAsync();
        await Expect(reply.Locator(".resource li a[href^='http']").First).ToBeVisibleAsync();
        var exercise = reply.Locator(".exercise").First;
        await Expect(exercise.Locator(".step-count")).ToHaveTextAsync(new Regex("^Step 1 of \\d+$"));
        await exercise.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
        await Expect(exercise.Locator(".step-count")).ToHaveTextAsync(new Regex("^Step 2 of \\d+$"));

        // Three heavy themes at once: the AI asks for a peer itself (DESIGN.md, step 4). While
        // waiting Mark sees his place in the queue and a calm exercise, not a silent spinner.
        await Expect(mark.Locator("#waiting")).ToBeVisibleAsync();
        await Expect(mark.Locator("#ask-person")).ToBeDisabledAsync();
        await Expect(mark.Locator("#queue-standing")).Not.ToBeEmptyAsync();
        await Expect(mark.Locator("#breath-cue")).ToHaveTextAsync(new Regex("Breathe (in|out)"));
        await scene.ScreenshotAsync(mark, "seeker-waiting");

        // A reload while waiting comes back to the same place in the queue, not to a chat with no status.
        await mark.ReloadAsync();
        await Expect(mark.Locator("#waiting")).ToBeVisibleAsync();
        await Expect(mark.Locator("#queue-standing")).Not.ToBeEmptyAsync();
        await Expect(mark.Locator("li.from-seeker")).ToHaveCountAsync(1);

        // Jake is offered the chat, with the reasons for the match and a countdown, and a title-bar badge.
        var offer = jake.Locator("article.offer").First;
        await Expect(offer).ToBeVisibleAsync();
        await Expect(offer.Locator(".reasons li").First).ToBeVisibleAsync();
        await Expect(offer.Locator(".countdown")).ToContainTextAsync("left");
        await Expect(jake).ToHaveTitleAsync(new Regex(@"^\(1\) "));
        await scene.ScreenshotAsync(jake, "console-offer");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        // Mark sees who joined and what they share; Jake sees the transcript with its analysis.
        // One notice of the join, not two.
        var joined = mark.Locator("li.from-system", new() { HasText = "has joined" });
        await Expect(joined).ToHaveCountAsync(1);
        await Expect(joined).ToContainTextAsync("Jake has joined. Jake is a peer supporter who has also been through");
        var jakesChat = jake.Locator(".chat-panel:not([hidden])");
        await Expect(jakesChat.Locator("li.from-seeker").First).ToContainTextAsync("restructuring");
        await Expect(jakesChat.Locator("li.from-seeker .badge").First).ToBeVisibleAsync();
        await Expect(jakesChat.Locator("li.from-ai").First).ToBeVisibleAsync();

        await Scene.SendAsSupporterAsync(jake, "Hi Mark, I'm Jake. I went through a divorce and a career change, so some of this sounds familiar.");
        await Expect(Scene.StoredMessages(mark, "Hi Mark, I'm Jake. I went through a divorce and a career change, so some of this sounds familiar.")).ToHaveCountAsync(1);
        await Expect(mark.Locator("li.from-supporter .sender").Last).ToContainTextAsync("Jake");
        await Scene.SendAsSeekerAsync(mark, "Thanks Jake. Nights are the worst.");
        await Expect(Scene.StoredMessages(jake, "Thanks Jake. Nights are the worst.")).ToHaveCountAsync(1);
        await Scene.SendAsSupporterAsync(jake, "Let's make a plan for tonight and one small step for tomorrow.");
        await Expect(Scene.StoredMessages(mark, "Let's make a plan for tonight and one small step for tomorrow.")).ToHaveCountAsync(1);
        await scene.ScreenshotAsync(mark, "seeker-chat");
        await scene.ScreenshotAsync(jake, "console-chat");

        // Mark ends and rates the chat, then erases his data; nothing is left in the tab.
        await mark.GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await mark.GetByLabel("4").CheckAsync();
        await mark.Locator("#end-form").GetByRole(AriaRole.Button, new() { Name = "End chat" }).ClickAsync();
        await Expect(mark.Locator("#ended")).ToBeVisibleAsync();
        await Expect(jake.GetByRole(AriaRole.Tab).First).ToContainTextAsync("ended");
        await mark.GetByRole(AriaRole.Button, new() { Name = "Delete my data" }).ClickAsync();
        await Expect(mark.Locator("#delete-status")).ToHaveTextAsync("Your conversations and messages have been erased.");
        Assert.Equal(0, await mark.EvaluateAsync<int>("() => sessionStorage.length + localStorage.length"));

        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_cut_connection_loses_nothing_and_doubles_nothing()
    {
        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(
            await fixture.CreateSupporterAsync("Jake", ["relationship", "work"], capacity: 2));

        // Every WebSocket of the seeker's page passes through here, so the test can cut it.
        var cut = false;
        var sockets = new List<IWebSocketRoute>();
        var mark = await scene.StartSeekerAsync(320, 640, page => page.RouteWebSocketAsync(new Regex("/hubs/seeker"), socket =>
        {
            if (Volatile.Read(ref cut))
            {
                _ = socket.CloseAsync(new() { Code = 4000, Reason = "cut" });
                return;
            }

            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        }));
        await Scene.SendAsSeekerAsync(mark, MarksFirstMessage);
        await Expect(mark.Locator("#waiting")).ToBeVisibleAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.Locator("li.from-system", new() { HasText = "has joined" })).ToBeVisibleAsync();

        // The tunnel: the phone goes offline and its socket drops.
        Volatile.Write(ref cut, true);
        await mark.Context.SetOfflineAsync(true);
        IWebSocketRoute[] open;
        lock (sockets)
        {
            open = [.. sockets];
        }

        foreach (var socket in open)
        {
            await socket.CloseAsync(new() { Code = 4000, Reason = "cut" });
        }

        await Expect(mark.Locator("#connection")).ToContainTextAsync("Reconnecting");
        await scene.ScreenshotAsync(mark, "seeker-reconnecting");

        // Mark keeps writing; Jake writes too, and his messages cannot reach Mark for now.
        await Scene.SendAsSeekerAsync(mark, "Are you still there?");
        await Scene.SendAsSeekerAsync(mark, "The signal here is awful.");
        await Expect(mark.Locator("li.pending")).ToHaveCountAsync(2);
        await Scene.SendAsSupporterAsync(jake, "I'm here. Take your time.");
        await Scene.SendAsSupporterAsync(jake, "Nothing you write will be lost.");
        await Expect(Scene.StoredMessages(jake, "Nothing you write will be lost.")).ToHaveCountAsync(1);

        // Back online: the queued messages go out once, the missed ones come in once, in order.
        Volatile.Write(ref cut, false);
        await mark.Context.SetOfflineAsync(false);
        await Expect(mark.Locator("#connection")).ToHaveTextAsync("Connected again.", new() { Timeout = 30_000 });
        foreach (var text in new[] { "Are you still there?", "The signal here is awful.", "I'm here. Take your time.", "Nothing you write will be lost." })
        {
            await Expect(Scene.StoredMessages(mark, text)).ToHaveCountAsync(1);
        }

        await Expect(mark.Locator("li.pending")).ToHaveCountAsync(0);
        await Expect(Scene.StoredMessages(jake, "Are you still there?")).ToHaveCountAsync(1);
        await Expect(Scene.StoredMessages(jake, "The signal here is awful.")).ToHaveCountAsync(1);

        var seqs = await mark.Locator("li.message[data-message-id]").EvaluateAllAsync<double[]>("items => items.map(li => Number(li.dataset.seq))");
        Assert.Equal(seqs.Order().ToArray(), seqs);
        Assert.Equal(seqs.Length, seqs.Distinct().Count());
        var ids = await mark.Locator("li.message[data-message-id]").EvaluateAllAsync<string[]>("items => items.map(li => li.dataset.messageId)");
        Assert.Equal(ids.Length, ids.Distinct().Count());

        // The chat still fits a 320 px screen without sideways scrolling.
        Assert.True(await mark.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 320"));

        scene.AssertNoProblems("ERR_INTERNET_DISCONNECTED", "WebSocket");
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task Markup_in_messages_shows_as_typed_and_runs_nothing()
    {
        const string script = "<script>window.injected = true; alert('seeker')</script>";
        const string image = "<img src=x onerror=\"window.injected = true; alert('supporter')\">";

        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jake", ["work"]));
        var mark = await scene.StartSeekerAsync();
        await Scene.SendAsSeekerAsync(mark, script);
        await Expect(Scene.StoredMessages(mark, script)).ToHaveCountAsync(1);
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(Scene.StoredMessages(jake, script)).ToHaveCountAsync(1);

        await Scene.SendAsSupporterAsync(jake, image);
        await Expect(Scene.StoredMessages(mark, image)).ToHaveCountAsync(1);
        await Expect(Scene.StoredMessages(jake, image)).ToHaveCountAsync(1);

        foreach (var page in new[] { mark, jake })
        {
            await Expect(page.Locator(".messages img, .messages script")).ToHaveCountAsync(0);
            Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
        }

        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task Quick_exit_leaves_at_once_forgets_the_chat_and_withdraws_it_from_the_supporter()
    {
        await using var scene = new Scene(fixture);
        await using var jake = await SupporterClient.Create(fixture.Gateway.Url, fixture.Gateway.AdminKey, "Jake", ["family"]);
        var mark = await scene.StartSeekerAsync();
        // The neutral site is answered locally: the test machine has no way out to the internet.
        await mark.Context.RouteAsync("https://www.bbc.co.uk/**", route =>
            route.FulfillAsync(new() { ContentType = "text/html", Body = "<title>Weather</title><h1>Weather</h1>" }));
        await Scene.SendAsSeekerAsync(mark, "I've been feeling a bit low since I moved here.");
        await Expect(mark.Locator("li.from-ai").First).ToBeVisibleAsync();
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        var conversationId = await mark.EvaluateAsync<string>(
            "() => JSON.parse(sessionStorage.getItem('storiboard.seeker')).conversationId");
        var offer = await jake.Offers.WaitFor(o => o.ConversationId == conversationId, "the offer of Mark's chat to Jake");

        await mark.GetByRole(AriaRole.Button, new() { Name = "Quick exit" }).ClickAsync();
        await mark.WaitForURLAsync("https://www.bbc.co.uk/weather", LeftForTheNeutralSite);

        // The page did not wait for it, but the server heard: Jake is not left holding an empty chat.
        await jake.WithdrawnOffers.WaitFor(id => id == offer.OfferId, "Mark's offer withdrawn from Jake");

        // The chat is not in the history to go back to, and a new visit starts afresh.
        await mark.GoBackAsync();
        Assert.DoesNotMatch(new Regex("^http://127\\.0\\.0\\.1"), mark.Url);
        await mark.GotoAsync(fixture.BaseUrl);
        await Expect(mark.Locator("#welcome")).ToBeVisibleAsync();
        Assert.Equal(0, await mark.EvaluateAsync<int>("() => sessionStorage.length + localStorage.length"));
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task Both_pages_work_with_the_keyboard_alone()
    {
        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jake", ["relationship", "work"]));
        var mark = await scene.OpenSeekerAsync();

        // The quick exit comes first, so it is one Tab away from anywhere on load.
        await mark.Keyboard.PressAsync("Tab");
        await ExpectFocusAsync(mark, "#quick-exit");
        await TabToAsync(mark, "#start");
        await mark.Keyboard.PressAsync("Enter");
        await ExpectFocusAsync(mark, "#composer-text");
        await mark.Keyboard.TypeAsync("Hi. I'm not sure where to start.");
        await mark.Keyboard.PressAsync("Enter");
        await Expect(mark.Locator("li.from-ai")).ToHaveCountAsync(1);

        // New messages are announced to screen readers.
        await Expect(mark.Locator("#messages")).ToHaveAttributeAsync("aria-live", "polite");

        await TabToAsync(mark, "#ask-person");
        await mark.Keyboard.PressAsync("Enter");
        await Expect(mark.Locator("#waiting")).ToBeVisibleAsync();

        // The exercise offered while waiting is followed step by step with the keyboard.
        var exercise = mark.Locator("li.from-ai .exercise").Last;
        await Expect(exercise).ToBeVisibleAsync();
        await TabToAsync(mark, ".exercise button.primary", backwards: true);
        await mark.Keyboard.PressAsync("Enter");
        await Expect(exercise.Locator(".step-count")).ToHaveTextAsync(new Regex("^Step 2 "));

        // Jake accepts without a mouse and lands in the reply box.
        await Expect(jake.Locator("article.offer")).ToHaveCountAsync(1);
        await TabToAsync(jake, "article.offer button.primary");
        await jake.Keyboard.PressAsync("Enter");
        await ExpectFocusAsync(jake, ".chat-panel:not([hidden]) textarea");
        await jake.Keyboard.TypeAsync("Hi Mark, Jake here.");
        await jake.Keyboard.PressAsync("Enter");
        await Expect(Scene.StoredMessages(mark, "Hi Mark, Jake here.")).ToHaveCountAsync(1);

        // Mark ends the chat and rates it with the keyboard.
        await TabToAsync(mark, "#end");
        await mark.Keyboard.PressAsync("Enter");
        await ExpectFocusAsync(mark, "#ending-title");
        await TabToAsync(mark, "input[name=rating][value='1']");
        await mark.Keyboard.PressAsync("ArrowRight");
        await mark.Keyboard.PressAsync("ArrowRight");
        await Expect(mark.Locator("input[name=rating][value='3']")).ToBeCheckedAsync();
        await TabToAsync(mark, "#end-form button[type=submit]");
        await mark.Keyboard.PressAsync("Enter");
        await ExpectFocusAsync(mark, "#ended-title");

        // Escape twice is the quick exit from the keyboard.
        await mark.Context.RouteAsync("https://www.bbc.co.uk/**", route =>
            route.FulfillAsync(new() { ContentType = "text/html", Body = "<title>Weather</title>" }));
        // Two quick presses, as a person in a hurry would make them. On a loaded machine the pair has now and then not
        // left the page (cause not found yet); a person would press twice again, so the test does before judging.
        for (var attempt = 0; attempt < 2 && !mark.Url.StartsWith("https://www.bbc.co.uk", StringComparison.Ordinal); attempt++)
        {
            await mark.Keyboard.PressAsync("Escape");
            await mark.Keyboard.PressAsync("Escape");
            try
            {
                await mark.WaitForURLAsync("https://www.bbc.co.uk/weather", new() { WaitUntil = WaitUntilState.Commit, Timeout = 5_000 });
            }
            catch (TimeoutException) when (attempt == 0)
            {
            }
        }

        await mark.WaitForURLAsync("https://www.bbc.co.uk/weather", LeftForTheNeutralSite);

        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_red_flag_shows_crisis_lines_and_reaches_the_supervisors_board()
    {
        await using var scene = new Scene(fixture);
        var supervisor = await scene.OpenConsoleAsync(
            await fixture.CreateSupporterAsync("Sam", ["grief"], role: "supervisor"));
        var priya = await scene.OpenConsoleAsync(
            await fixture.CreateSupporterAsync("Priya", ["low_mood", "loneliness"], crisisTrained: true));
        // The server's SupporterView says who is a supervisor: Sam has the board before any red flag, Priya never does.
        await Expect(supervisor.Locator("#board")).ToBeVisibleAsync();
        await Expect(priya.Locator("#board")).ToBeHiddenAsync();
        var seeker = await scene.StartSeekerAsync();

        await Scene.SendAsSeekerAsync(seeker, "I've saved up enough of my tablets and I'm going to take them all tonight.");

        // The crisis panel comes first in the reply, with numbers to tap and call.
        var crisis = seeker.Locator("li.from-ai .crisis").First;
        await Expect(crisis).ToBeVisibleAsync();
        await Expect(crisis.Locator("a[href^='tel:']").First).ToBeVisibleAsync();
        // However far the chat scrolls on, the lines stay in view above the message box.
        await Expect(seeker.Locator("#crisis-strip a[href^='tel:']").First).ToBeVisibleAsync();
        await crisis.ScrollIntoViewIfNeededAsync();
        await scene.ScreenshotAsync(seeker, "seeker-crisis");

        // The supervisor's board shows the conversation; the crisis-trained supporter's offer stands out.
        await Expect(supervisor.Locator("#board")).ToBeVisibleAsync();
        await Expect(supervisor.Locator("#board-list .card.red-flag").First).ToBeVisibleAsync();
        await Expect(priya.Locator("article.offer.red-flag").First).ToBeVisibleAsync();
        await Expect(priya.Locator("#board")).ToBeHiddenAsync();
        await scene.ScreenshotAsync(priya, "console-red-flag-offer");
        await scene.ScreenshotAsync(supervisor, "console-supervisor-board");

        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_yes_to_the_AIs_direct_question_reaches_a_crisis_trained_supporter_with_the_reason()
    {
        await using var scene = new Scene(fixture);
        var ruth = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Ruth", ["school"], crisisTrained: true));
        var seeker = await scene.StartSeekerAsync();

        await Scene.SendAsSeekerAsync(seeker, "Uni exams are crushing me and some nights I wish I could go to sleep and not wake up");
        // The direct question, with the crisis lines; a holding message for the queue may follow it.
        await Expect(seeker.Locator("li.from-ai").Filter(new() { HasText = "thoughts of ending your life?" })).ToHaveCountAsync(1);
        await Scene.SendAsSeekerAsync(seeker, "yeah, sometimes");

        // The answer is understood: crisis lines, and the chat goes to a crisis-trained supporter with the reason why.
        await Expect(seeker.Locator("li.from-ai:has(.crisis)")).ToHaveCountAsync(2);
        // The gateway is shared: a red flag another test left waiting may be offered to Ruth too. This one is about exams.
        var offer = ruth.Locator("article.offer.red-flag").Filter(new() { HasTextRegex = new Regex("school", RegexOptions.IgnoreCase) });
        await offer.First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        var chat = ruth.Locator(".chat-panel:not([hidden])");
        await Expect(chat.Locator("p.crisis")).ToContainTextAsync("suicide");
        await Expect(chat.Locator("details.handoff summary")).ToContainTextAsync("Red flag raised (suicide)");
        await chat.Locator("details.handoff summary").ClickAsync();
        await Expect(chat.Locator(".risk-changes")).ToBeVisibleAsync();
        await Expect(chat.Locator(".risk-changes")).ToContainTextAsync("answered yes to thoughts of suicide");
        await scene.ScreenshotAsync(ruth, "console-answer-red-flag");

        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_chat_that_becomes_a_red_flag_is_taken_over_by_a_crisis_trained_supporter()
    {
        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Jake", ["work"]));
        var mark = await scene.StartSeekerAsync();
        await Scene.SendAsSeekerAsync(mark, "hi, my manager keeps piling work on me");
        await mark.GetByRole(AriaRole.Button, new() { Name = "Talk to a person" }).ClickAsync();
        await jake.Locator("article.offer").First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(mark.Locator("li.from-system", new() { HasText = "has joined" })).ToContainTextAsync("Jake has joined");

        await Scene.SendAsSeekerAsync(mark, "I've already taken all my tablets");
        await Expect(jake.Locator(".chat-panel:not([hidden]) p.crisis")).ToContainTextAsync("being found to take over");
        var ann = await scene.OpenConsoleAsync(await fixture.CreateSupporterAsync("Ann", ["low_mood"], crisisTrained: true));
        // The gateway is shared: a red flag another test left waiting may be offered to Ann too. Mark's offer carries his theme.
        var marksOffer = ann.Locator("article.offer.red-flag").Filter(new() { HasTextRegex = new Regex("work", RegexOptions.IgnoreCase) });
        await marksOffer.First.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        // Both sides read who took over; the chat leaves Jake's desk with a notice and his place is free again.
        await Expect(mark.Locator("li.from-system").Filter(new() { HasText = "taking over from Jake" })).ToHaveCountAsync(1);
        await Expect(jake.Locator("#handed-over")).ToContainTextAsync("Ann, who is trained for moments like this, is taking over from Jake.");
        await Expect(jake.GetByRole(AriaRole.Tab)).ToHaveCountAsync(0);
        await Scene.SendAsSupporterAsync(ann, "I'm Ann. I'm here with you. Can you tell me where you are?");
        await Expect(Scene.StoredMessages(mark, "I'm Ann. I'm here with you. Can you tell me where you are?")).ToHaveCountAsync(1);

        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task Demo_mode_prints_console_links_that_sign_a_supporter_straight_in()
    {
        // The gateway under test runs embedded, as `dotnet run` does, so it seeded the demo supporters.
        var link = new Regex(@"^\s*Jake\b.*?(http://\S+/console#token=\S+)\s*$", RegexOptions.Multiline);
        await Eventually.True(() => link.IsMatch(fixture.Gateway.Output), "the demo console links to be printed");
        var consoleLink = link.Match(fixture.Gateway.Output).Groups[1].Value;
        Assert.StartsWith(fixture.BaseUrl, consoleLink);

        await using var scene = new Scene(fixture);
        var jake = await scene.OpenConsoleAsync(consoleLink[(consoleLink.IndexOf("#token=", StringComparison.Ordinal) + 7)..]);
        await Expect(jake.Locator("#who")).ToHaveTextAsync("Jake");

        // The token leaves the address bar at once: it is kept for this tab only.
        Assert.DoesNotContain("token", jake.Url);
        scene.AssertNoProblems();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task A_refused_token_brings_the_console_back_to_sign_in()
    {
        var desk = await fixture.NewDeskAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/console#token=not-a-token");

        await Expect(page.Locator("#signin-error")).ToContainTextAsync("not accepted");
        await Expect(page.Locator("#desk")).ToBeHiddenAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => sessionStorage.length"));
        await desk.CloseAsync();
    }

    [Fact(Timeout = 180_000)] // a hang fails this test instead of stalling the whole run
    public async Task Pages_are_served_with_a_strict_content_security_policy()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        foreach (var path in new[] { "/", "/console" })
        {
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Equal("no-referrer", string.Join(' ', response.Headers.GetValues("Referrer-Policy")));
        }

        // The SignalR client is the one npm installed during the build.
        using var client = await http.GetAsync("/lib/signalr.min.js");
        client.EnsureSuccessStatusCode();
    }

    /// <summary>Leaving is what counts: the neutral page need not finish loading.</summary>
    private static readonly PageWaitForURLOptions LeftForTheNeutralSite = new() { WaitUntil = WaitUntilState.Commit };

    private static async Task ExpectFocusAsync(IPage page, string selector) =>
        await Expect(page.Locator($"{selector}:focus")).ToHaveCountAsync(1);

    /// <summary>Presses Tab (or Shift+Tab) until the element has focus: proof it is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            if (await page.Locator($"{selector}:focus").CountAsync() > 0)
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"{selector} could not be reached with the keyboard.");
    }
}
