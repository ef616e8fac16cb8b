using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StoriBoard.LoadTests.Memory;
using StoriBoard.LoadTests.Reporting;

namespace StoriBoard.LoadTests.Cli;

public sealed class ConnectionsSettings : TargetSettings
{
    [CommandOption("--levels")]
    [Description("Idle live connections to hold, comma-separated.")]
    [DefaultValue("1000,10000")]
    public string Levels { get; init; } = "1000,10000";

    [CommandOption("--hold")]
    [Description("How long each level is held before it is weighed.")]
    [DefaultValue("20s")]
    public string Hold { get; init; } = "20s";

    [CommandOption("--gateway-pid")]
    [Description("The server process to weigh (default: found by name).")]
    public int? GatewayPid { get; init; }

    [CommandOption("--echo")]
    [Description("Connect to a separately started echo-server instead of the gateway.")]
    public bool Echo { get; init; }

    [CommandOption("--min-connections")]
    [Description("Threshold: connections still live at the highest level.")]
    public int? MinConnections { get; init; }
}

/// <summary>
/// Memory per idle connection. Ten thousand connections need more open files than the usual default:
/// run `ulimit -n 65536` in the same shell first (client and server both hold one socket each).
/// </summary>
public sealed class ConnectionsCommand : AsyncCommand<ConnectionsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ConnectionsSettings settings, CancellationToken cancel)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var options = new ConnectionsOptions
        {
            Url = settings.Url,
            Levels = settings.Levels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray(),
            Hold = Duration.Parse(settings.Hold),
            Echo = settings.Echo,
            ServerPid = settings.GatewayPid,
        };
        try
        {
            var result = await ConnectionsProbe.RunAsync(options, line => AnsiConsole.WriteLine(line), cancel);
            var folder = ReportFolder.Create(settings.ReportDir, "connections", startedAt);
            ConnectionsReport.Write(result, folder, startedAt);
            AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(folder, "summary.md")}");
            var highest = result.Levels[^1];
            var wanted = settings.MinConnections ?? highest.Target;
            return highest.StillConnected >= wanted ? ExitCodes.Passed : ExitCodes.ThresholdsBreached;
        }
        catch (Exception error) when (error is InvalidOperationException or IOException or FormatException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The run could not be done:[/] {error.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
