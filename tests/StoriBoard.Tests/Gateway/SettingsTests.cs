using System.Diagnostics;
using StoriBoard.Gateway;
using StoriBoard.Gateway.Edge;
using StoriBoard.Silo;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>A mistyped setting stops the start with one line naming it; every default passes its own checks.</summary>
[Trait("Tier", "Integration")]
public sealed class SettingsTests
{
    [Theory]
    [InlineData("StoriBoard__Conversations__MaxMessageLength", "-5")]
    [InlineData("StoriBoard__Matching__Shards", "0")]
    [InlineData("StoriBoard__AdminKey", "1")]
    [InlineData("StoriBoard__Delivery__HostLifetime", "00:00:01")]
    [InlineData("StoriBoard__Limits__SessionsPerWindow", "0")]
    [InlineData("StoriBoard__SiloPort", "70000")]
    [InlineData("StoriBoard__Topology", "sideways")]
    [InlineData("StoriBoard__Hosting", "swarm")]
    [InlineData("StoriBoard__Conversations__MaxOpenConversations", "three")]
    [InlineData("StoriBoard__Conversations__PageClosedGrace", "00:00:00")]
    [InlineData("StoriBoard__Telemetry__OtlpEndpoint", "collector:4317")]
    [InlineData("StoriBoard__Telemetry__OtlpProtocol", "udp")]
    [InlineData("StoriBoard__Staff__AccessTokenLifetime", "02:00:00")]
    [InlineData("StoriBoard__Staff__InviteLifetime", "00:00:00")]
    [InlineData("StoriBoard__Limits__StaffSignInsPerWindow", "0")]
    [InlineData("StoriBoard__AuditMaxEntries", "10")]
    [InlineData("StoriBoard__Staff__SingleSignOn__Authority", "login.example.org")]
    [InlineData("StoriBoard__Staff__SingleSignOn__Authority", "http://login.example.org")]
    [InlineData("StoriBoard__Languages__Served", "en,xx")]
    [InlineData("StoriBoard__Reports__Retention", "01:00:00")]
    [InlineData("StoriBoard__Reports__LongestRangeDays", "0")]
    [InlineData("StoriBoard__Floor__RedFlagAlarmAfter", "00:00:00")]
    public async Task A_bad_value_stops_the_start_with_one_line_that_names_it(string setting, string value)
    {
        var (exitCode, lines, output) = await GatewayProcess.Refusing(
            new HostSettings { Environment = new Dictionary<string, string> { [setting] = value } });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(lines, l => l.StartsWith("StoriBoard cannot start:", StringComparison.Ordinal));
        var named = setting.Replace("StoriBoard__", "").Split("__")[^1];
        Assert.Contains(named, line);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Application started", output);
    }

    [Fact]
    public async Task Redis_that_cannot_be_reached_stops_the_start_with_one_line_naming_StoriBoard__Redis()
    {
        var (exitCode, lines, _) = await GatewayProcess.Refusing(new HostSettings { Redis = $"127.0.0.1:{Ports.Free()}" });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("StoriBoard cannot start: Redis cannot be reached", line);
        Assert.Contains("StoriBoard__Redis", line);
    }

    [Fact]
    public void Every_default_passes_its_own_checks()
    {
        ISettings[] defaults =
        [
            new ConversationOptions(), new MatchingOptions(), new DeliveryOptions(), new GatewayOptions(), new LimitsOptions(), new HostingOptions(),
            new TelemetryOptions(), new StoriBoard.Staff.StaffOptions(), new StoriBoard.Languages.LanguageOptions(),
            new StoriBoard.Reports.ReportOptions(),
            new StoriBoard.Floor.FloorOptions(),
        ];
        Assert.All(defaults, settings => Assert.Empty(settings.Problems()));
    }
}
