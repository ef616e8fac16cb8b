using StoriBoard.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StoriBoard.Tests.FaultSuite;

/// <summary>
/// The fault suite, on Redis with real processes: a silo killed, a gateway killed, Redis stalled for ten seconds, each
/// under four chats of numbered messages. Each test writes its figures to TestResults/fault-suite.md (the README's
/// reliability section) and fails when a red flag is stranded, a message is lost or doubled, or a client is left
/// without pushes.
/// </summary>
[Trait("Tier", "Fault")]
[Collection(FaultSuiteCollection.Name)]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    /// <summary>The bound these tests enforce; the README reports the measured times against the 5 s target.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static readonly string[] RedFlagWords =
    [
        "I have all my pills in front of me and I am going to take them tonight",
        "I've written my goodbye letters. tonight I'm going to end my life",
        "im standing on the bridge now and i'm going to jump",
        "I can't go on. I'm going to kill myself tonight, I have the rope ready",
    ];

    [Fact]
    public Task A_silo_killed_under_load_strands_no_red_flag_and_pushes_resume() => InScene(withSilo: true, async scene =>
    {
        await scene.StartChats();

        // Both crisis-trained supporters' screens' inboxes die with the silo: the case that stranded red flags in two CI
        // runs when placement happened to put them there.
        var crisisOnA = await scene.Supporter(scene.FromA, "Crisis on A", crisisTrained: true, capacity: 8, inboxOnTheSilo: true);
        var crisisOnB = await scene.Supporter(scene.FromB, "Crisis on B", crisisTrained: true, capacity: 8, inboxOnTheSilo: true);
        var supervisor = await scene.Supporter(scene.FromA, "Supervisor", role: "supervisor", online: false);
        var people = new List<(FaultClient Seeker, string ConversationId)>();
        for (var i = 0; i < 8; i++)
        {
            var seeker = await scene.Seeker(i % 2 == 0 ? scene.FromA : scene.FromB, $"Red flag {i}");
            var conversation = await seeker.Call<ConversationView>("StartConversation");
            await seeker.Send(conversation.ConversationId, "hi. are you there?");
            seeker.Follow(conversation.ConversationId);
            people.Add((seeker, conversation.ConversationId));
        }

        await scene.StartTraffic();

        scene.Silo!.Kill(entireProcessTree: true);
        var fault = scene.Clock.Elapsed;
        var sent = await Task.WhenAll(people.Select((p, i) => p.Seeker.Send(p.ConversationId, RedFlagWords[i % RedFlagWords.Length])));

        var outcomes = await Task.WhenAll(people.Select(async (p, i) =>
        {
            var replied = await Within(() => p.Seeker.Seen.Values
                .Where(s => s.Message.Sender == Sender.Ai && s.Message.Seq > sent[i].Seq).Select(s => s.At).FirstOrDefault());
            var alerted = await Within(() => supervisor.RedFlags.Where(r => r.RedFlag.ConversationId == p.ConversationId).Select(r => r.At).FirstOrDefault());
            var offered = await Within(() => crisisOnA.Offers.Concat(crisisOnB.Offers)
                .Where(o => o.Offer.ConversationId == p.ConversationId).Select(o => o.At).DefaultIfEmpty().Min());
            return (Replied: replied - fault, Alerted: alerted - fault, Offered: offered - fault);
        }));

        var chats = await scene.StopTraffic(fault, runOn: TimeSpan.FromSeconds(16));

        Report("A silo killed (kill -9) with four chats and eight red flags written at the kill",
            chats,
            $"red flags: crisis reply after {Spread(outcomes.Select(o => o.Replied))} s, supervisor alert after " +
            $"{Spread(outcomes.Select(o => o.Alerted))} s, offer to a crisis-trained supporter after {Spread(outcomes.Select(o => o.Offered))} s");

        Assert.All(outcomes, o => Assert.True(o.Replied < Bound && o.Alerted < Bound && o.Offered < Bound, $"a red flag was stranded: {o}"));
        AssertChatsHeld(chats);
    });

    [Fact]
    public Task A_gateway_killed_under_load_leaves_no_ghost_supporter() => InScene(withSilo: false, async scene =>
    {
        await scene.StartChats();

        // On the gateway that will die, and idle longest: the matchmaker's first choice until it knows better.
        var ghost = await scene.Supporter([scene.B.Url], "Ghost on B", capacity: 3);
        await Task.Delay(200);
        var live = await scene.Supporter(scene.FromA, "Live on A", capacity: 3);

        await scene.StartTraffic();

        scene.B.Kill();
        var fault = scene.Clock.Elapsed;
        var waits = new List<TimeSpan>();
        foreach (var delay in new[] { 0, 2, 4 })
        {
            await Task.Delay(TimeSpan.FromSeconds(delay == 0 ? 0 : 2));
            var seeker = await scene.Seeker(scene.FromA, $"Waiting {delay}");
            var conversation = await seeker.Call<ConversationView>("StartConversation");

            // Asking for a person in words is already a request for a peer; the explicit request follows.
            var asked = scene.Clock.Elapsed;
            await seeker.Send(conversation.ConversationId, "could I talk to a real person please");
            await seeker.Call<ConversationView>("RequestPeer", conversation.ConversationId);
            await FaultScene.OfferOf(live, conversation.ConversationId, TimeSpan.FromSeconds(45));
            waits.Add(live.Offers.First(o => o.Offer.ConversationId == conversation.ConversationId).At - asked);
        }

        var chats = await scene.StopTraffic(fault, runOn: TimeSpan.FromSeconds(10));

        Report("A co-hosted gateway killed (kill -9); its people reconnect to the other; a supporter on it never comes back",
            chats,
            $"people asking for a peer after the kill reached a live supporter after {string.Join(", ", waits.Select(ChatOutcome.Seconds))} s " +
            "(before this work: the offer waited 30 s on the dead supporter)");

        Assert.All(waits, wait => Assert.True(wait < Bound, $"an offer waited {wait} on a dead host"));
        AssertChatsHeld(chats);
    });

    [Fact]
    public Task Redis_stalled_for_ten_seconds_loses_nothing_and_says_unavailable() => InScene(withSilo: false, async scene =>
    {
        await scene.StartChats();
        await scene.StartTraffic();

        scene.Redis.Freeze();
        await Task.Delay(TimeSpan.FromSeconds(10));
        scene.Redis.Thaw();
        var fault = scene.Clock.Elapsed;

        var chats = await scene.StopTraffic(fault, runOn: TimeSpan.FromSeconds(15));

        Report("Redis stalled for 10 s (SIGSTOP, then SIGCONT); times counted from Redis answering again", chats, null);
        Assert.DoesNotContain("error", chats.Errors.Keys);
        AssertChatsHeld(chats);
    });

    [Fact]
    public Task Everything_crashed_and_restarted_keeps_every_message_and_every_red_flag() => InScene(withSilo: false, async scene =>
    {
        await scene.StartChats();
        var supervisor = await scene.Supporter(scene.FromA, "Supervisor", role: "supervisor", online: false);
        var waiting = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            // Red flags with no crisis-trained supporter online: they wait, on the supervisors' board.
            var seeker = await scene.Seeker(scene.FromB, $"Red flag {i}");
            var conversation = await seeker.Call<ConversationView>("StartConversation");
            await seeker.Send(conversation.ConversationId, RedFlagWords[i]);
            waiting.Add(conversation.ConversationId);
        }

        await Eventually.True(() => waiting.All(id => supervisor.RedFlags.Any(r => r.RedFlag.ConversationId == id)), "the red flags on the board");
        await scene.StartTraffic();

        var crashed = scene.Clock.Elapsed;
        await scene.CrashAndRestartEverything();
        var fault = scene.Clock.Elapsed;

        // The board is rebuilt from storage: the supervisor, back on the restarted gateway, is shown both again.
        await Eventually.True(
            () => waiting.All(id => supervisor.RedFlags.Any(r => r.RedFlag.ConversationId == id && r.At > crashed)),
            "the red flags on the board after the restart", TimeSpan.FromSeconds(30));

        // And they still wait for a crisis-trained supporter: the first one online is offered both.
        var crisis = await scene.Supporter(scene.FromA, "Crisis after restart", crisisTrained: true, capacity: 4);
        var online = scene.Clock.Elapsed;
        foreach (var id in waiting)
        {
            await FaultScene.OfferOf(crisis, id, Bound);
        }

        var offered = crisis.Offers.Where(o => waiting.Contains(o.Offer.ConversationId)).Max(o => o.At) - online;
        var chats = await scene.StopTraffic(fault, runOn: TimeSpan.FromSeconds(10));

        Report("Everything crashed at once (both gateways, kill -9) and restarted; times counted from the gateways answering again",
            chats,
            $"the restart took {ChatOutcome.Seconds(fault - crashed)} s; the two waiting red flags were back on the supervisor's board " +
            $"and offered to the first crisis-trained supporter online {ChatOutcome.Seconds(offered)} s after they signed on");
        AssertChatsHeld(chats);
    });

    /// <summary>Runs a test in a fresh scene; when it fails, the processes' warnings and errors go to its output.</summary>
    private async Task InScene(bool withSilo, Func<FaultScene, Task> test)
    {
        await using var scene = await FaultScene.Start(withSilo);
        try
        {
            await test(scene);
        }
        catch
        {
            output.WriteLine($"Gateway A:\n{scene.A.Output}\n\nGateway B:\n{scene.B.Output}");
            throw;
        }
    }

    private static void AssertChatsHeld(ChatOutcome chats)
    {
        Assert.Equal(0, chats.Lost);
        Assert.Equal(0, chats.Doubled);
        Assert.Equal(0, chats.MissingAtReceiver);
        Assert.True(chats.SlowestResume < Bound, $"pushes resumed only after {chats.SlowestResume}");

        // Every error a client saw said to retry: a fault ("unavailable") or a dropped connection, never a generic one.
        Assert.All(chats.Errors.Keys, code => Assert.Contains(code, new[] { "unavailable", "connection" }));
    }

    /// <summary>Polls for a time something happened, up to a minute: a red flag not seen by then is stranded.</summary>
    private static async Task<TimeSpan> Within(Func<TimeSpan> happenedAt)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (happenedAt() == TimeSpan.Zero && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return happenedAt() == TimeSpan.Zero ? TimeSpan.MaxValue / 2 : happenedAt();
    }

    private static string Spread(IEnumerable<TimeSpan> times)
    {
        var sorted = times.Order().ToList();
        return $"{ChatOutcome.Seconds(sorted[0])}–{ChatOutcome.Seconds(sorted[^1])} (median {ChatOutcome.Seconds(sorted[sorted.Count / 2])})";
    }


    private void Report(string fault, ChatOutcome chats, string? redFlags)
    {
        var text = $"- **{fault}.** {chats.Describe()}{(redFlags is null ? "" : $"; {redFlags}")}.";
        output.WriteLine(text);
        var folder = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(folder);
        lock (typeof(FaultSuiteTests))
        {
            File.AppendAllText(Path.Combine(folder, "fault-suite.md"), text + Environment.NewLine);
        }
    }
}

/// <summary>
/// The fault suite runs on its own, after the tests that run side by side: its clocks measure recovery, and killing
/// processes while other tests load the machine would measure the load instead.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuiteCollection
{
    public const string Name = "fault suite";
}
