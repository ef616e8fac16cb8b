using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using StoriBoard.Continuity;
using StoriBoard.Gateway.Api;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Continuity;

/// <summary>Coming back with a return key through real gateway processes on a real Redis.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class ReturnKeyGatewayTests(RedisServer redis)
{
    [Fact]
    public async Task After_a_restart_the_key_brings_the_same_person_back_on_another_gateway_with_their_past_chat()
    {
        var settings = new HostSettings { Redis = redis.ConnectionString };
        string seekerId, conversationId, key;
        await using (var first = await GatewayProcess.Start(settings))
        {
            await using var mark = await SeekerClient.Connect(first.Url);
            conversationId = (await mark.StartConversation()).ConversationId;
            await mark.Send(conversationId, "Work has been hard this week and I keep lying awake.");
            await mark.End(conversationId, 4);
            key = await mark.SaveReturnKey();
            seekerId = mark.UserId;
        }

        Assert.Equal(ReturnKeyPhrase.Words, key.Split(' ').Length);

        // A new device: the key as someone might copy it out by hand, on a gateway started afresh.
        await using var restarted = await GatewayProcess.Start(settings.Another());
        var typed = "  " + string.Join(" - ", key.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + " ";
        await using var back = await SeekerClient.Resume(restarted.Url, typed);
        Assert.Equal(seekerId, back.UserId);

        var past = Assert.Single(await back.MyConversations());
        Assert.Equal(conversationId, past.ConversationId);
        Assert.Equal(ConversationStatus.Ended, past.Status);
        Assert.NotNull(past.EndedAt);
        Assert.True(past.EndedAt >= past.StartedAt);

        var history = await back.History(conversationId, 0);
        Assert.Contains(history, m => m.Sender == Sender.Seeker && m.Text.StartsWith("Work has been hard", StringComparison.Ordinal));
        Assert.Contains(history, m => m.Sender == Sender.Ai);

        // Read-only: an ended chat takes no more messages. A new chat starts as usual and joins the list.
        var refused = await Assert.ThrowsAsync<HubException>(() => back.Send(conversationId, "one more thing"));
        Assert.Contains("conflict:", refused.Message, StringComparison.Ordinal);
        var next = await back.StartConversation();
        Assert.Equal([next.ConversationId, conversationId], (await back.MyConversations()).Select(c => c.ConversationId));
    }

    [Fact]
    public async Task Wrong_malformed_oversized_and_empty_keys_are_refused_clearly_and_a_wrong_key_says_nothing_of_records()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString });
        await using var mark = await SeekerClient.Connect(gateway.Url);
        await mark.StartConversation();
        var key = await mark.SaveReturnKey();
        var words = key.Split(' ');
        using var http = HttpClients.For(gateway.Url);

        async Task<(HttpStatusCode Status, ErrorBody Body)> Resume(HttpContent content)
        {
            var response = await http.PostAsync("/api/sessions/resume", content);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ErrorBody>())!);
        }

        Task<(HttpStatusCode, ErrorBody)> Json(object body) => Resume(JsonContent.Create(body));

        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(await Json(new { })));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(await Json(new { returnKey = "" })));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(await Json(new { returnKey = " - -  " })));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(await Json(new { returnKey = 42 })));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(await Resume(new StringContent("{ not json", Encoding.UTF8, "application/json"))));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "too_large"), Code(await Json(new { returnKey = string.Join(' ', Enumerable.Repeat("otter", 40)) })));

        var six = await Json(new { returnKey = string.Join(' ', words.Take(6)) });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(six));
        Assert.Contains("7 words", six.Item2.Message);

        // A misspelt word is named by its place, never echoed.
        var misspelt = await Json(new { returnKey = string.Join(' ', words.Take(6).Append("qwxzzy")) });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), Code(misspelt));
        Assert.Contains("Word 7", misspelt.Item2.Message);
        Assert.DoesNotContain("qwxzzy", misspelt.Item2.Message);

        // Wrong: the right record with a wrong last word, and a record that cannot exist. One answer for both.
        var wrongLast = await Json(new { returnKey = string.Join(' ', words.Take(6).Append(words[6] == "otter" ? "maple" : "otter")) });
        var madeUp = await Json(new { returnKey = "zigzag zigzag zigzag zigzag zigzag zigzag zigzag" });
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), Code(wrongLast));
        Assert.Equal(wrongLast.Item2.Message, madeUp.Item2.Message);
        // As whole words: a key word may be part of an ordinary one ("pen" in "open").
        Assert.All(words, word => Assert.DoesNotMatch($@"\b{word}\b", wrongLast.Item2.Message));

        // None of that changed anything: the right key still works.
        await using var back = await SeekerClient.Resume(gateway.Url, key);
        Assert.Equal(mark.UserId, back.UserId);
    }

    [Fact]
    public async Task Guessing_is_stopped_per_record_after_a_few_wrong_tries_and_per_address_at_the_edge()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings
        {
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string>
            {
                ["StoriBoard__Limits__ResumesPerWindow"] = "6",
                ["StoriBoard__ReturnKeys__TriesBeforeLock"] = "3",
                ["StoriBoard__ReturnKeys__LockFor"] = "00:00:04",
            },
        });
        await using var mark = await SeekerClient.Connect(gateway.Url);
        await mark.StartConversation();
        var key = await mark.SaveReturnKey();
        var words = key.Split(' ');
        var wrong = string.Join(' ', words.Take(6).Append(words[6] == "otter" ? "maple" : "otter"));
        using var http = HttpClients.For(gateway.Url);
        Task<HttpResponseMessage> Try(string returnKey) => http.PostAsJsonAsync("/api/sessions/resume", new { returnKey });

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Try(wrong)).StatusCode);
        }

        // Locked: even the right key waits.
        var locked = await Try(key);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("wrong tries", (await locked.Content.ReadFromJsonAsync<ErrorBody>())!.Message);

        await Task.Delay(TimeSpan.FromSeconds(4.5));
        Assert.Equal(HttpStatusCode.OK, (await Try(key)).StatusCode);

        // Six tries a minute from one address, right or wrong: the seventh is refused before any record is read.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Try("zigzag zigzag zigzag zigzag zigzag zigzag zigzag")).StatusCode);
        var edge = await Try(key);
        Assert.Equal(HttpStatusCode.TooManyRequests, edge.StatusCode);
        Assert.NotNull(edge.Headers.RetryAfter);
        Assert.Equal("rate_limited", (await edge.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
    }

    [Fact]
    public async Task After_the_quick_exit_the_key_still_brings_the_person_back_with_a_token_that_works()
    {
        await using var gateway = await GatewayProcess.Start(new HostSettings { Redis = redis.ConnectionString });
        var mark = await SeekerClient.Connect(gateway.Url);
        var conversationId = (await mark.StartConversation()).ConversationId;
        var key = await mark.SaveReturnKey();
        await mark.DisposeAsync();

        using (var old = HttpClients.For(gateway.Url, mark.Token))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await old.PostAsync("/api/me/quick-exit", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await old.PostAsync("/api/me/quick-exit", null)).StatusCode);
        }

        // Tokens carry their second only: one issued in the second of the revocation would be refused with the old ones.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await using var back = await SeekerClient.Resume(gateway.Url, key);
        Assert.Equal(mark.UserId, back.UserId);
        var past = Assert.Single(await back.MyConversations());
        Assert.Equal((conversationId, ConversationStatus.Ended), (past.ConversationId, past.Status));
    }

    private static (HttpStatusCode, string) Code((HttpStatusCode Status, ErrorBody Body) answer) => (answer.Status, answer.Body.Error);
}
