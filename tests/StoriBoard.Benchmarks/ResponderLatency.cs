using System.Diagnostics;
using StoriBoard.Classification;
using StoriBoard.Responding;

namespace StoriBoard.Benchmarks;

/// <summary>
/// Per-reply latency of the responder: every reply of many short conversations timed on its own, for p50/p99.
/// The messages are classified once beforehand by the shipped models, so only composing the reply is timed.
/// Run with: dotnet run -c Release --project tests/StoriBoard.Benchmarks -- responder
/// </summary>
public static class ResponderLatency
{
    private const int TurnsPerConversation = 6;

    // Hand-written, of the kinds the helpline sees: situations, plain themes, greetings and small talk.
    private static readonly string[] Messages =
    [
        "hi",
        "my boss humiliated me in front of everyone today",
        "I relapsed last night after 2 years sober. I hate myself",
        "I killed it at my presentation today but still feel empty",
        "exam results tomorrow",
        "can't sleep again. everything feels pointless since the divorce",
        "my dad died last month and I'm drowning in his paperwork, the bank keeps sending forms",
        "moved to a new city for work and I don't know a single person here",
        "we split up and I only see the kids at weekends now",
        "I look after my mum full time since her stroke and I'm exhausted",
        "They announced a restructure today and my role is under review, eleven years I've been there",
        "my girlfriend left three months ago and i still set two plates out without thinking",
        "thanks, that helps a bit",
        "I owe about 9k on cards and the bailiffs letter came this morning. I haven't told my husband.",
    ];

    public static void Run(int conversations = 4_000)
    {
        var library = ContentLibrary.Load(ContentLibrary.DefaultDirectory);
        var responder = new Responder(library);
        var classifier = new MlMessageClassifier(MlMessageClassifier.DefaultModelDirectory, SafetyLexicon.Default);
        var analyses = Messages.Select(classifier.Classify).ToArray();

        // Long enough for the runtime to finish recompiling the hot paths (tiered compilation works in the background):
        // the figures are those of a host that has been answering for a while, not of its first minute.
        for (var round = 0; round < 3; round++)
        {
            for (var warm = 0; warm < 2_000; warm++)
            {
                Play(responder, analyses, warm, null);
            }

            Thread.Sleep(500);
        }

        var replies = new List<double>(conversations * TurnsPerConversation);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < conversations; i++)
        {
            Play(responder, analyses, i, replies);
        }

        total.Stop();
        var sorted = replies.Order().ToArray();
        Console.WriteLine($"{conversations} conversations of {TurnsPerConversation} turns, {sorted.Length} replies");
        Console.WriteLine(
            $"reply p50 {Percentile(sorted, 50) * 1000:0.0} µs, p99 {Percentile(sorted, 99) * 1000:0.0} µs, max {sorted[^1] * 1000:0.0} µs");
        Console.WriteLine($"{sorted.Length / total.Elapsed.TotalSeconds:0} replies/s on one thread");
    }

    /// <summary>One conversation: a run of consecutive messages, starting at a different one each time.</summary>
    private static void Play(Responder responder, MessageAnalysis[] analyses, int start, List<double>? times)
    {
        var offered = new HashSet<string>();
        var themes = new Dictionary<string, double>();
        var risks = new List<RiskLevel>();
        var status = ConversationStatus.Ai;
        for (var turn = 0; turn < TurnsPerConversation; turn++)
        {
            var index = (start + turn) % Messages.Length;
            var analysis = analyses[index];
            risks.Add(analysis.Risk.Level);
            foreach (var theme in analysis.Themes)
            {
                themes[theme.Id] = Math.Max(themes.GetValueOrDefault(theme.Id), theme.Score);
            }

            var context = new ReplyContext(
                Messages[index], analysis, [.. themes.Select(t => new ThemeScore(t.Key, t.Value)).OrderByDescending(t => t.Score)],
                [.. risks], risks.Max(), status, "GB", "en", turn + 1, offered.ToArray());
            var begin = Stopwatch.GetTimestamp();
            var reply = responder.Reply(context);
            times?.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            if (reply is null)
            {
                continue;
            }

            offered.UnionWith(reply.ContentIds);
            if (reply.ConnectPeer)
            {
                status = ConversationStatus.Waiting;
            }
        }
    }

    private static double Percentile(double[] sorted, int percentile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
}
