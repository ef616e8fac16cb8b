using StoriBoard.LoadTests.Memory;

namespace StoriBoard.LoadTests.Reporting;

/// <summary>The memory report: resident memory per level of idle connections, and the cost of one.</summary>
public static class ConnectionsReport
{
    public static void Write(ConnectionsResult result, string folder, DateTimeOffset startedAt)
    {
        Csv.Write(Path.Combine(folder, "connections.csv"), ["target_connections", "open", "still_connected", "resident_bytes", "bytes_per_connection"],
            result.Levels.Select(l => new object[] { l.Target, l.Open, l.StillConnected, l.ResidentBytes, l.BytesPerConnection }));
        Charts.Line(Path.Combine(folder, "memory.png"), $"{result.Target}: resident memory by idle connections", "connections", "MiB",
            new Series("resident", [0, .. result.Levels.Select(l => (double)l.Open)],
                [result.BaselineBytes / 1048576.0, .. result.Levels.Select(l => l.ResidentBytes / 1048576.0)]));
        var document = new ReportDocument($"Idle connections: {result.Target}")
            .Facts(
                ("started", startedAt.ToString("u")),
                ("server process", result.Pid.ToString()),
                ("resident before", ConnectionsProbe.Mb(result.BaselineBytes)),
                ("connect p50 / p99", $"{result.Connect.P50:0.#} / {result.Connect.P99:0.#} ms"),
                ("errors", result.Counters.ErrorCount == 0 ? "none" : string.Join(", ", result.Counters.Errors.Select(e => $"{e.Key}: {e.Value}"))))
            .Table(["connections", "open", "still connected after hold", "resident", "per idle connection"], result.Levels.Select(l => new[]
            {
                l.Target.ToString(), l.Open.ToString(), l.StillConnected.ToString(), ConnectionsProbe.Mb(l.ResidentBytes), $"{l.BytesPerConnection / 1024:0.#} KiB",
            }))
            .Image("memory.png", "Resident memory by idle connections");
        File.WriteAllText(Path.Combine(folder, "summary.md"), DocumentRenderers.Markdown(document));
        File.WriteAllText(Path.Combine(folder, "report.html"), DocumentRenderers.Html(document));
    }
}
