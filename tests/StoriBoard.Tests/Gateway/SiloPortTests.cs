using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Gateway;

/// <summary>A second process started on a live silo's port refuses to start, in one line, and the live one is untouched.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class SiloPortTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_second_silo_on_a_live_silos_port_refuses_to_start_and_the_live_one_goes_on()
    {
        var (exitCode, lines, _) = await GatewayProcess.Refusing(Gateway.Settings.Another() with { SiloPort = Gateway.Settings.SiloPort });

        Assert.Equal(2, exitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("StoriBoard cannot start: StoriBoard__SiloPort", line);

        // Still the only silo, still serving: a seeker starts a chat through it.
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        await mark.Send((await mark.StartConversation()).ConversationId, "hello");
    }
}
