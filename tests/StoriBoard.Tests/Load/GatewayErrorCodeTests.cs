using Microsoft.AspNetCore.SignalR;
using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.Tests.Load;

/// <summary>The harness counts errors by the gateway's code, however SignalR wraps the refusal.</summary>
[Trait("Tier", "Unit")]
public sealed class GatewayErrorCodeTests
{
    [Theory]
    [InlineData("forbidden: This conversation is not yours.", "forbidden")]
    [InlineData("An unexpected error occurred invoking 'Send' on the server. HubException: conflict: This conversation has ended.", "conflict")]
    [InlineData("An unexpected error occurred invoking 'Send' on the server. HubException: rate_limited: Too many messages.", "rate_limited")]
    public void A_hub_refusal_is_counted_under_its_code(string message, string code) =>
        Assert.Equal(code, GatewayException.CodeOf(new HubException(message)));

    [Fact]
    public void Other_failures_are_counted_by_kind() =>
        Assert.Equal("timeout", GatewayException.CodeOf(new OperationCanceledException()));
}
