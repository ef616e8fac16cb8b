using System.Diagnostics;
using Microsoft.Extensions.Options;
using StoriBoard.Languages;

namespace StoriBoard.Classification.Training;

/// <summary>
/// Times the language reading as the conversations use it (the served and briefly answered languages only) and
/// measures what its models hold in memory. Reads the shipped content; trains and writes nothing.
/// </summary>
public static class LanguageProbe
{
    public static void Run(string repo, IReadOnlyList<string> texts, bool highAccuracy)
    {
        var settings = new LanguageOptions { ContentDirectory = Path.Combine(repo, "content"), HighAccuracy = highAccuracy };
        var others = OtherLanguages.Load(settings.ContentRoot, settings.ServedCodes.ToArray());

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var setBefore = Environment.WorkingSet;
        var loading = Stopwatch.StartNew();
        var reader = new LanguageReader(Options.Create(settings), others);
        reader.Read("loading the models before the first person writes");
        var loadTime = loading.Elapsed;
        var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var set = Environment.WorkingSet - setBefore;

        var times = new List<double>();
        var read = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var text in texts)
            {
                var start = Stopwatch.GetTimestamp();
                read += reader.Read(text) is null ? 0 : 1;
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }

        times.Sort();
        Console.WriteLine(
            $"language reading ({(highAccuracy ? "high" : "low")} accuracy) over {reader.Candidates.Count} candidates ({string.Join(",", reader.Candidates)}), {texts.Count} messages x 3 passes: " +
            $"p50 {times[times.Count / 2]:0} µs, p99 {times[(int)(times.Count * 0.99)]:0} µs, max {times[^1]:0} µs; " +
            $"{read * 100.0 / times.Count:0}% read with confidence; loading {loadTime.TotalMilliseconds:0} ms, " +
            $"managed heap +{heap / 1048576.0:0.0} MB, working set +{set / 1048576.0:0.0} MB");
    }
}
