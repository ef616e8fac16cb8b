using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StoriBoard.LoadTests.Echo;

namespace StoriBoard.LoadTests.Cli;

public sealed class EchoServerSettings : CommandSettings
{
    [CommandOption("--port")]
    [Description("Loopback port to listen on.")]
    [DefaultValue(5090)]
    public int Port { get; init; } = 5090;
}

/// <summary>The bare echo hub on its own, e.g. to weigh its idle connections with `connections --echo`.</summary>
public sealed class EchoServerCommand : AsyncCommand<EchoServerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EchoServerSettings settings, CancellationToken cancel)
    {
        await using var server = await EchoServer.StartAsync(settings.Port);
        AnsiConsole.MarkupLineInterpolated($"echo hub listening on {new Uri(server.Url, EchoHub.Path)} (pid {Environment.ProcessId}); Ctrl+C or SIGTERM stops it");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, server.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end.
        }

        return ExitCodes.Passed;
    }
}
