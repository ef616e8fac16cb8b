using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using StackExchange.Redis;
using StoriBoard.Gateway;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Tests.Edge;

/// <summary>Which failures the hubs and the API answer as "unavailable" (repeat it), which keep their code, which are bugs.</summary>
[Trait("Tier", "Unit")]
public sealed class FaultMappingTests
{
    private readonly HelplineHubFilter _filter = new(NullLogger<HelplineHubFilter>.Instance);

    public static TheoryData<Exception> FaultsToRepeat => new()
    {
        new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "no connection", null, CommandStatus.Unknown),
        new RedisTimeoutException(CommandFlags.None, "timed out", CommandStatus.Sent),
        new TimeoutException("response timed out"),
        new SiloUnavailableException("the silo is gone"),
        new GatewayTooBusyException(),
        new OrleansException("storage failed", new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "down", null, CommandStatus.Unknown)),
        new AggregateException(new RedisConnectionException(ConnectionFailureType.SocketClosed, CommandFlags.None, "closed", null, CommandStatus.Unknown)),
        new InvalidOperationException("wrapped", new TimeoutException("inner")),
    };

    [Theory]
    [MemberData(nameof(FaultsToRepeat))]
    public void Faults_become_unavailable_with_the_same_clientMessageId(Exception fault)
    {
        var error = _filter.Translate(fault, "Send");
        Assert.StartsWith("unavailable: try again with the same clientMessageId", error.Message);
        Assert.True(Faults.IsFault(fault));
    }

    [Fact]
    public void A_refusal_keeps_its_own_code_even_when_wrapped()
    {
        Assert.StartsWith("not_found:", _filter.Translate(HelplineException.NotFound("This conversation"), "View").Message);
        Assert.StartsWith("forbidden:", _filter.Translate(new AggregateException(HelplineException.Forbidden("not yours")), "View").Message);
        Assert.StartsWith("rate_limited:", _filter.Translate(
            new OrleansException("call failed", new HelplineException(ErrorCodes.RateLimited, "slow down")), "Send").Message);
    }

    [Fact]
    public void Bugs_stay_the_generic_error()
    {
        foreach (var bug in new Exception[]
        {
            new NullReferenceException(), new InvalidOperationException("a bug"), new OrleansConfigurationException("bad setting"),
            new ArgumentOutOfRangeException("seq"),
        })
        {
            var error = _filter.Translate(bug, "Send");
            Assert.StartsWith("error: something went wrong", error.Message);
            Assert.False(Faults.IsFault(bug));
        }
    }

    [Fact]
    public void The_unavailable_code_answers_503()
    {
        Assert.Equal(503, new HelplineException(ErrorCodes.Unavailable, "later").StatusCode);
    }
}
