using StoriBoard.Continuity;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>The passkey settings: the defaults work on http://localhost, and what a browser would refuse stops the start.</summary>
[Trait("Tier", "Unit")]
public sealed class PasskeySettingsTests
{
    [Fact]
    public void The_defaults_serve_the_pages_at_localhost_5080()
    {
        var defaults = new PasskeyOptions();
        Assert.Empty(defaults.Problems());
        Assert.Equal(["http://localhost:5080"], defaults.OriginList);
    }

    [Theory]
    [InlineData("help.example.org", "https://help.example.org, https://www.help.example.org:8443", null)]
    [InlineData("127.0.0.1", "http://127.0.0.1:5080", "RelyingPartyId")]
    [InlineData("help.example.org", "http://help.example.org", "https")]
    [InlineData("help.example.org", "https://example.org", "subdomains")]
    [InlineData("help.example.org", "https://evilhelp.example.org", "subdomains")]
    [InlineData("help.example.org", "https://help.example.org/chat", "not an origin")]
    [InlineData("help.example.org", " , ", "at least one origin")]
    public void Origins_must_be_on_the_relying_party_and_secure_except_on_localhost(string relyingPartyId, string origins, string? problem)
    {
        var problems = new PasskeyOptions { RelyingPartyId = relyingPartyId, Origins = origins }.Problems().ToList();
        if (problem is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal) && p.StartsWith("StoriBoard__Passkeys__", StringComparison.Ordinal));
        }
    }

}

/// <summary>A passkey setting a browser would refuse stops a real gateway's start, named.</summary>
[Trait("Tier", "Integration")]
public sealed class PasskeySettingsStartTests
{
    [Fact]
    public async Task A_gateway_given_an_address_for_a_relying_party_refuses_to_start_naming_the_setting()
    {
        var (exitCode, lines, _) = await GatewayProcess.Refusing(new HostSettings
        {
            Environment = new Dictionary<string, string> { ["StoriBoard__Passkeys__RelyingPartyId"] = "10.0.0.5" },
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(lines, l => l.StartsWith("StoriBoard cannot start:", StringComparison.Ordinal) && l.Contains("RelyingPartyId", StringComparison.Ordinal));
    }
}
