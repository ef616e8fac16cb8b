using Spectre.Console;
using Spectre.Console.Cli;
using StoriBoard.LoadTests.Load;
using StoriBoard.LoadTests.Reporting;

namespace StoriBoard.LoadTests.Cli;

/// <summary>Exit codes: thresholds decide between the first two.</summary>
public static class ExitCodes
{
    public const int Passed = 0;
    public const int ThresholdsBreached = 1;
    public const int RunFailed = 2;
}

/// <summary>
/// A named scenario: its defaults and its load plan. Running it means: run the plan with the live
/// display, write the report, judge the thresholds.
/// </summary>
public abstract class ScenarioCommand : AsyncCommand<ScenarioSettings>
{
    protected abstract string Name { get; }

    protected abstract int DefaultSeekers { get; }

    protected abstract int DefaultSupporters { get; }

    protected abstract TimeSpan DefaultDuration { get; }

    /// <param name="arrivals">Open scenarios' arrival rate: --rate, or derived from the number of seekers.</param>
    protected abstract LoadPlan Plan(int seekers, double arrivals, TimeSpan duration);

    public override async Task<int> ExecuteAsync(CommandContext context, ScenarioSettings settings, CancellationToken cancel)
    {
        var seekers = settings.Seekers ?? DefaultSeekers;
        var duration = settings.Duration is null ? DefaultDuration : Duration.Parse(settings.Duration);
        var arrivals = settings.Rate ?? Scenarios.ArrivalsFor(seekers, settings.ThinkScale);
        var options = new LoadRunOptions
        {
            Scenario = Name,
            Url = settings.Url,
            AdminKey = settings.ResolvedAdminKey,
            Plan = Plan(seekers, arrivals, duration),
            Supporters = settings.Supporters ?? DefaultSupporters,
            People = settings.People,
        };
        AnsiConsole.MarkupLineInterpolated($"[bold]{Name}[/] against {settings.Url}: {options.Plan.Describe()}; {options.Supporters} supporters");
        try
        {
            var progress = new LiveProgress(Name, options.Plan.Duration);
            var run = await progress.ShowAsync(observer => LoadRun.RunAsync(options, observer, cancel));
            var checks = Thresholds.Evaluate(run, settings.Thresholds);
            var folder = RunReport.Write(run, checks, ReportFolder.Create(settings.ReportDir, Name, run.StartedAt));
            Summary.Print(run, checks, folder);
            return Thresholds.AllPassed(checks) ? ExitCodes.Passed : ExitCodes.ThresholdsBreached;
        }
        catch (Exception error) when (error is InvalidOperationException or HttpRequestException or Protocol.GatewayException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]The run could not be done:[/] {error.Message}");
            return ExitCodes.RunFailed;
        }
    }
}

public sealed class SmokeCommand : ScenarioCommand
{
    protected override string Name => "smoke";

    protected override int DefaultSeekers => 100;

    protected override int DefaultSupporters => 10;

    protected override TimeSpan DefaultDuration => TimeSpan.FromSeconds(30);

    protected override LoadPlan Plan(int seekers, double arrivals, TimeSpan duration) => Scenarios.Smoke(seekers, duration);
}

public sealed class NightPeakCommand : ScenarioCommand
{
    protected override string Name => "night-peak";

    protected override int DefaultSeekers => 300;

    protected override int DefaultSupporters => 60;

    protected override TimeSpan DefaultDuration => TimeSpan.FromMinutes(3);

    protected override LoadPlan Plan(int seekers, double arrivals, TimeSpan duration) => Scenarios.NightPeak(arrivals, duration);
}

public sealed class BurstCommand : ScenarioCommand
{
    protected override string Name => "burst";

    protected override int DefaultSeekers => 100;

    protected override int DefaultSupporters => 60;

    protected override TimeSpan DefaultDuration => TimeSpan.FromMinutes(2);

    protected override LoadPlan Plan(int seekers, double arrivals, TimeSpan duration) => Scenarios.Burst(arrivals, duration);
}

public sealed class SoakCommand : ScenarioCommand
{
    protected override string Name => "soak";

    protected override int DefaultSeekers => 200;

    protected override int DefaultSupporters => 40;

    protected override TimeSpan DefaultDuration => TimeSpan.FromHours(1);

    protected override LoadPlan Plan(int seekers, double arrivals, TimeSpan duration) => Scenarios.Soak(seekers, duration);
}
