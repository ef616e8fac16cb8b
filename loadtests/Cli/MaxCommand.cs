using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StoriBoard.LoadTests.Ceiling;
using StoriBoard.LoadTests.Echo;
using StoriBoard.LoadTests.Reporting;
using StoriBoard.LoadTests.Simulation;

namespace StoriBoard.LoadTests.Cli;

public sealed class MaxSettings : TargetSettings
{
    [CommandOption("--target")]
    [Description("both (default), storiboard, or echo.")]
    [DefaultValue("both")]
    public string Target { get; init; } = "both";

    [CommandOption("--pairs")]
    [Description("Conversations (seeker + supporter) sending at once.")]
    [DefaultValue(200)]
    public int Pairs { get; init; } = 200;

    [CommandOption("--start-rate")]
    [Description("First step's peer messages per second.")]
    [DefaultValue(100.0)]
    public double StartRate { get; init; } = 100;

    [CommandOption("--factor")]
    [Description("Each step's rate is the previous one's times this.")]
    [DefaultValue(1.4)]
    public double Factor { get; init; } = 1.4;

    [CommandOption("--max-rate")]
    [Description("The ramp stops here even if every step passed.")]
    [DefaultValue(50000.0)]
    public double MaxRate { get; init; } = 50_000;

    [CommandOption("--step")]
    [Description("How long each rate is held: 8s, 30s…")]
    [DefaultValue("8s")]
    public string Step { get; init; } = "8s";

    [CommandOption("--max-p99-ms")]
    [Description("A step passes while peer delivery p99 stays within this.")]
    [DefaultValue(50.0)]
    public double MaxP99Ms { get; init; } = 50;

    [CommandOption("--min-rate")]
    [Description("Threshold: StoriBoard's sustainable peer messages per second.")]
    [DefaultValue(1000.0)]
    public double MinRate { get; init; } = 1000;

    [CommandOption("--min-ratio")]
    [Description("Threshold: StoriBoard's sustainable rate ÷ the echo hub's.")]
    [DefaultValue(0.5)]
    public double MinRatio { get; init; } = 0.5;

    [CommandOption("--echo-port")]
    [Description("Loopback port of the in-process echo hub (0 = any free port).")]
    [DefaultValue(0)]
    public int EchoPort { get; init; }

    public bool RunsEcho => Target is "both" or "echo";

    public bool RunsStoriBoard => Target is "both" or "storiboard";

    public override ValidationResult Validate() =>
        Target is not ("both" or "storiboard" or "echo") ? ValidationResult.Error("--target is both, storiboard or echo.")
        : Factor <= 1 ? ValidationResult.Error("--factor must be above 1.")
        : base.Validate();
}

/// <summary>
/// The ceiling, in one run: the same ramp against the bare echo hub (started in this process on another
/// loopback port) and against StoriBoard; the report gives StoriBoard's sustainable rate as a share of the echo hub's.
/// </summary>
public sealed class MaxCommand : AsyncCommand<MaxSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, MaxSettings settings, CancellationToken cancel)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var options = new CeilingOptions
        {
            Pairs = settings.Pairs,
            StartRate = settings.StartRate,
            Factor = settings.Factor,
            MaxRate = settings.MaxRate,
            Step = Duration.Parse(settings.Step),
            MaxP99Ms = settings.MaxP99Ms,
        };
        var catalog = MessageCatalog.Load();
        try
        {
            CeilingResult? echo = null, storiBoard = null;
            if (settings.RunsStoriBoard)
            {
                await using var target = new GatewayTarget(Protocol.LoopbackUrl.Require(settings.Url), settings.ResolvedAdminKey, catalog.Themes.ToArray());
                storiBoard = await RampAsync(target, options, catalog, cancel);
            }

            if (settings.RunsEcho)
            {
                await using var server = await EchoServer.StartAsync(settings.EchoPort);
                await using var target = new EchoTarget(server.Url);
                echo = await RampAsync(target, options, catalog, cancel);
            }

            var comparison = new CeilingComparison(echo, storiBoard, settings.MaxP99Ms);
            var checks = Checks(comparison, settings);
            var folder = ReportFolder.Create(settings.ReportDir, "max", startedAt);
            CeilingReport.Write(comparison, checks, folder, startedAt);
            Summary.Checks(checks);
            AnsiConsole.MarkupLineInterpolated($"report: {Path.Combine(folder, "summary.md")}");
            return Thresholds.AllPassed(checks) ? ExitCodes.Passed : ExitCodes.ThresholdsBreached;
        }
        catch (Exception error) when (error is InvalidOperationException or HttpRequestException or Protocol.GatewayException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The run could not be done:[/] {error.Message}");
            return ExitCodes.RunFailed;
        }
    }

    private static async Task<CeilingResult> RampAsync(IChatTarget target, CeilingOptions options, MessageCatalog catalog, CancellationToken cancel)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{target.Name}[/]: opening {options.Pairs} pairs, then from {options.StartRate:0} messages/s ×{options.Factor} per {options.Step.TotalSeconds:0} s step");
        var result = await CeilingRun.RunAsync(target, options, catalog, (name, step) => AnsiConsole.MarkupLineInterpolated(
            $"  {name}: offered {step.OfferedRate,7:0}/s delivered {step.AchievedRate,7:0}/s p50 {step.Delivery.P50,6:0.0} ms p99 {step.Delivery.P99,7:0.0} ms  {step.Failure ?? "pass"}"), cancel);
        AnsiConsole.MarkupLineInterpolated($"[bold]{target.Name}[/]: sustainable {result.SustainableRate:0} messages/s");
        return result;
    }

    private static List<ThresholdCheck> Checks(CeilingComparison comparison, MaxSettings settings)
    {
        var checks = new List<ThresholdCheck>();
        if (comparison.StoriBoard is { } sb)
        {
            checks.Add(new("StoriBoard sustainable rate", $"≥ {settings.MinRate:0}/s", $"{sb.SustainableRate:0}/s", sb.SustainableRate >= settings.MinRate));
        }

        if (comparison.Ratio is { } ratio)
        {
            checks.Add(new("share of the echo hub's rate", $"≥ {settings.MinRatio:0.##}×", $"{ratio:0.00}×", ratio >= settings.MinRatio));
        }

        if (comparison.Echo is { } echo)
        {
            checks.Add(new("echo hub sustainable rate", "> 0", $"{echo.SustainableRate:0}/s", echo.SustainableRate > 0));
        }

        return checks;
    }
}
