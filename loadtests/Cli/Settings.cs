using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using StoriBoard.LoadTests.Reporting;
using StoriBoard.LoadTests.Simulation;

namespace StoriBoard.LoadTests.Cli;

/// <summary>Where the gateway is and where the report goes.</summary>
public class TargetSettings : CommandSettings
{
    [CommandOption("--url")]
    [Description("The gateway's address (loopback only).")]
    [DefaultValue("http://127.0.0.1:5080")]
    public string Url { get; init; } = "http://127.0.0.1:5080";

    [CommandOption("--admin-key")]
    [Description("The gateway's admin key, to create supporters. Defaults to $StoriBoard__AdminKey.")]
    public string? AdminKey { get; init; }

    [CommandOption("--report-dir")]
    [Description("Where the report goes. Default: loadtests/reports/<scenario>-<timestamp>/.")]
    public string? ReportDir { get; init; }

    public string? ResolvedAdminKey => AdminKey ?? Environment.GetEnvironmentVariable("StoriBoard__AdminKey");

    public override ValidationResult Validate()
    {
        try
        {
            Protocol.LoopbackUrl.Require(Url);
            return ValidationResult.Success();
        }
        catch (ArgumentException error)
        {
            return ValidationResult.Error(error.Message);
        }
    }
}

/// <summary>The people, the duration, and the thresholds of a scenario run.</summary>
public class ScenarioSettings : TargetSettings
{
    [CommandOption("--seekers")]
    [Description("Help-seekers talking at once (closed scenarios), or at the peak (open scenarios).")]
    public int? Seekers { get; init; }

    [CommandOption("--supporters")]
    [Description("Peer supporters on shift.")]
    public int? Supporters { get; init; }

    [CommandOption("--duration")]
    [Description("How long the load lasts: 90s, 3m, 2h…")]
    public string? Duration { get; init; }

    [CommandOption("--rate")]
    [Description("Open scenarios: new seekers per second at the peak (default: --seekers ÷ a typical visit).")]
    public double? Rate { get; init; }

    [CommandOption("--red-flag-share")]
    [Description("Share of seekers whose words include a red flag.")]
    [DefaultValue(0.05)]
    public double RedFlagShare { get; init; } = 0.05;

    [CommandOption("--crisis-share")]
    [Description("Share of supporters trained for crisis work.")]
    [DefaultValue(0.3)]
    public double CrisisShare { get; init; } = 0.3;

    [CommandOption("--capacity")]
    [Description("Chats each supporter holds at once.")]
    [DefaultValue(3)]
    public int Capacity { get; init; } = 3;

    [CommandOption("--think-scale")]
    [Description("Multiplies every human pause (1 = compressed night; 10 ≈ real typing speed).")]
    [DefaultValue(1.0)]
    public double ThinkScale { get; init; } = 1.0;

    [CommandOption("--max-p99-ms")]
    [Description("Threshold: peer message delivery p99.")]
    [DefaultValue(50.0)]
    public double MaxP99Ms { get; init; } = 50;

    [CommandOption("--max-error-rate")]
    [Description("Threshold: failed calls ÷ calls.")]
    [DefaultValue(0.001)]
    public double MaxErrorRate { get; init; } = 0.001;

    [CommandOption("--max-lost")]
    [Description("Threshold: messages lost (or unverifiable).")]
    [DefaultValue(0L)]
    public long MaxLost { get; init; }

    [CommandOption("--max-ai-p99-ms")]
    [Description("Threshold: AI first reply p99.")]
    [DefaultValue(200.0)]
    public double MaxAiP99Ms { get; init; } = 200;

    [CommandOption("--max-red-flag-offer-ms")]
    [Description("Threshold: red-flag offer p99.")]
    [DefaultValue(1000.0)]
    public double MaxRedFlagOfferMs { get; init; } = 1000;

    public ThresholdSettings Thresholds => new()
    {
        MaxP99Ms = MaxP99Ms,
        MaxErrorRate = MaxErrorRate,
        MaxLost = MaxLost,
        MaxAiFirstReplyP99Ms = MaxAiP99Ms,
        MaxRedFlagOfferP99Ms = MaxRedFlagOfferMs,
    };

    public PeopleSettings People => new PeopleSettings
    {
        RedFlagShare = RedFlagShare,
        CrisisTrainedShare = CrisisShare,
        SupporterCapacity = Capacity,
    }.Scaled(ThinkScale);

    public override ValidationResult Validate()
    {
        if (RedFlagShare is < 0 or > 1 || CrisisShare is < 0 or > 1)
        {
            return ValidationResult.Error("Shares are between 0 and 1.");
        }

        if (Seekers is <= 0 || Supporters is < 0 || Capacity <= 0 || ThinkScale <= 0)
        {
            return ValidationResult.Error("Counts, capacity and think-scale must be positive.");
        }

        if (Duration is not null)
        {
            try
            {
                Cli.Duration.Parse(Duration);
            }
            catch (FormatException error)
            {
                return ValidationResult.Error(error.Message);
            }
        }

        return base.Validate();
    }
}
