using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Edge;

/// <summary>After DELETE /api/me the seeker's token is refused at once, on every gateway, and their connections close.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class RevocationTests(RedisServer redis) : GatewayOnRedisTests(redis)
{
    [Fact]
    public async Task A_deleted_seekers_token_is_refused_everywhere_and_their_open_connections_close()
    {
        await using var other = await GatewayProcess.Start(Gateway.Settings.Another());
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        await mark.Send((await mark.StartConversation()).ConversationId, "hello");
        var here = Closing(mark.Hub);
        await using var elsewhere = ProtocolJson.Hub(other.Url, "/hubs/seeker", mark.Token);
        await elsewhere.StartAsync();
        var there = Closing(elsewhere);

        // Someone else, connected to both, is not touched.
        await using var jess = await SeekerClient.Connect(Gateway.Url);

        using var http = HttpClients.For(Gateway.Url, bearer: mark.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/api/me")).StatusCode);

        await here.WaitAsync(TimeSpan.FromSeconds(10));
        await there.WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var gateway in new[] { Gateway.Url, other.Url })
        {
            var again = ProtocolJson.Hub(gateway, "/hubs/seeker", mark.Token);
            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => again.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var httpThere = HttpClients.For(gateway, bearer: mark.Token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await httpThere.DeleteAsync("/api/me")).StatusCode);
        }

        Assert.Equal(HubConnectionState.Connected, jess.Hub.State);
        await jess.StartConversation();
    }

    private static Task Closing(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
