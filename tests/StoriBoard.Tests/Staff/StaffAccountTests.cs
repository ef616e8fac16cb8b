using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Audit;
using StoriBoard.Tests.Infrastructure;
using static StoriBoard.Tests.Staff.StaffHelpline;

namespace StoriBoard.Tests.Staff;

/// <summary>Staff accounts through real gateways on Redis: invites, passwords, sign-in, sessions and what admins do.</summary>
[Trait("Tier", "Integration")]
[Collection(RedisCollection.Name)]
public sealed class StaffAccountTests(RedisServer redis, ITestOutputHelper output) : GatewayOnRedisTests(redis)
{
    protected override IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["StoriBoard__Staff__FailuresBeforeLock"] = "3",
    };

    [Fact]
    public async Task An_invite_is_accepted_once_and_a_second_use_or_a_wrong_secret_is_refused()
    {
        var admin = await FirstAdmin(Gateway);
        var invite = await Invite(Gateway.Url, admin, "jake@helpline.example", "Jake");
        Assert.StartsWith("/admin#invite=", invite.InviteUrl);

        var forged = invite.InviteToken[..^4] + "AAAA";
        var wrong = await Accept(Gateway.Url, forged, SupporterPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var accepted = await Accept(Gateway.Url, invite.InviteToken, SupporterPassword);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var jake = (await accepted.Content.ReadFromJsonAsync<StaffMember>(ProtocolJson.Options))!;
        Assert.Equal(StoriBoard.Staff.StaffStatus.Active, jake.Status);

        var again = await Accept(Gateway.Url, invite.InviteToken, "another long enough password");
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        // The first password still works; the second use changed nothing.
        await SignIn(Gateway.Url, "jake@helpline.example", SupporterPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TrySignIn(Gateway.Url, "jake@helpline.example", "another long enough password")).StatusCode);

        var malformed = await Accept(Gateway.Url, "not-a-token", SupporterPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, malformed.StatusCode);
    }

    [Theory]
    [InlineData("short pass", "invalid")]
    [InlineData("password1234", "invalid")]
    [InlineData("aaaaaaaaaaaaaaaa", "invalid")]
    [InlineData("my name is jake.morris!", "invalid")]
    [InlineData("", "invalid")]
    public async Task Weak_passwords_are_refused_and_the_invite_still_works(string password, string error)
    {
        var admin = await FirstAdmin(Gateway);
        var invite = await Invite(Gateway.Url, admin, "jake.morris@helpline.example", "Jake Morris");

        var refused = await Accept(Gateway.Url, invite.InviteToken, password);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(error, await Error(refused));
        if (password.Length > 0)
        {
            Assert.DoesNotContain(password, await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await Accept(Gateway.Url, invite.InviteToken, SupporterPassword)).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var admin = await FirstAdmin(Gateway);
        await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");

        for (var i = 0; i < 3; i++)
        {
            var wrong = await TrySignIn(Gateway.Url, "jake@helpline.example", "not the right password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await TrySignIn(Gateway.Url, "jake@helpline.example", SupporterPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("rate_limited", await Error(locked));

        // An unknown address answers like a wrong password.
        var unknown = await TrySignIn(Gateway.Url, "nobody@helpline.example", SupporterPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        var failures = (await Audit(Gateway.Url, admin, "&action=" + AuditActions.SignInFailed)).Select(e => e.Detail ?? "").ToArray();
        Assert.Equal(["wrong password or inactive", "wrong password or inactive", "wrong password or inactive", "locked", "unknown address"], failures);
        Assert.DoesNotContain(await AuditText(admin), text => text.Contains("not the right password"));
    }

    [Fact]
    public async Task A_refresh_rotates_the_token_and_a_used_one_ends_the_session()
    {
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");

        var first = await Refresh(Gateway.Url, jake.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var renewed = (await first.Content.ReadFromJsonAsync<StaffSession>(ProtocolJson.Options))!;
        Assert.NotEqual(jake.RefreshToken, renewed.RefreshToken);
        Assert.Equal(jake.SessionId, renewed.SessionId);

        // The new access token works on the hub.
        await using (var connected = await SupporterClient.Connect(Gateway.Url, new SupporterCreated(renewed.AccountId, renewed.AccessToken)))
        {
            Assert.Equal(HubConnectionState.Connected, connected.Hub.State);
        }

        // The old token again: refused, and the session is over, so the newest is refused too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(Gateway.Url, jake.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(Gateway.Url, renewed.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(Gateway.Url, "garbage")).StatusCode);

        // Signing in again opens a new session.
        var again = await SignIn(Gateway.Url, "jake@helpline.example", SupporterPassword);
        Assert.Equal(HttpStatusCode.OK, (await Refresh(Gateway.Url, again.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_supporter_is_disconnected_on_both_gateways_and_cannot_come_back()
    {
        await using var other = await GatewayProcess.Start(Gateway.Settings.Another());
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");
        var bea = await Supporter(other.Url, admin, "bea@helpline.example", "Bea");

        await using var here = await SupporterClient.Connect(Gateway.Url, AsSupporter(jake));
        await using var there = await SupporterClient.Connect(other.Url, AsSupporter(jake));
        await using var beaThere = await SupporterClient.Connect(other.Url, AsSupporter(bea));
        var closedHere = Closing(here.Hub);
        var closedThere = Closing(there.Hub);

        using var http = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        var started = DateTime.UtcNow;
        var deactivated = await http.PostAsync($"/api/staff/{jake.AccountId}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        await closedHere.WaitAsync(TimeSpan.FromSeconds(5));
        await closedThere.WaitAsync(TimeSpan.FromSeconds(5));
        var took = DateTime.UtcNow - started;
        output.WriteLine($"Both connections closed {took.TotalMilliseconds:F0} ms after the deactivation was asked for.");
        Assert.True(took < TimeSpan.FromSeconds(5), $"closed after {took}");

        foreach (var gateway in new[] { Gateway.Url, other.Url })
        {
            var reconnect = ProtocolJson.Hub(gateway, "/hubs/supporter", jake.AccessToken);
            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => reconnect.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(gateway, jake.RefreshToken)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await TrySignIn(gateway, "jake@helpline.example", SupporterPassword)).StatusCode);
        }

        // Someone else on the same gateway is not touched.
        Assert.Equal(HubConnectionState.Connected, beaThere.Hub.State);
        await beaThere.SetAvailability("online");

        // Reactivated, Jake signs in again; the tokens from before stay refused.
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/api/staff/{jake.AccountId}/reactivate", null)).StatusCode);
        var back = await SignIn(other.Url, "jake@helpline.example", SupporterPassword);
        await using var returned = await SupporterClient.Connect(Gateway.Url, AsSupporter(back));
        Assert.Equal(HubConnectionState.Connected, returned.Hub.State);
        var old = ProtocolJson.Hub(Gateway.Url, "/hubs/supporter", jake.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAnyAsync<HttpRequestException>(() => old.StartAsync())).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_session_closes_its_connections_and_stops_its_refresh_while_another_session_refreshes()
    {
        var admin = await FirstAdmin(Gateway);
        var phone = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");
        var laptop = await SignIn(Gateway.Url, "jake@helpline.example", SupporterPassword);
        await using var connected = await SupporterClient.Connect(Gateway.Url, AsSupporter(phone));
        var closed = Closing(connected.Hub);

        // Jake ends his phone's session himself.
        using var http = HttpClients.For(Gateway.Url, bearer: laptop.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/staff/{phone.AccountId}/sessions/{phone.SessionId}")).StatusCode);
        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Refresh(Gateway.Url, phone.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Refresh(Gateway.Url, laptop.RefreshToken)).StatusCode);

        // Again: the session is gone. Someone else's session: only an admin.
        using var fresh = HttpClients.For(Gateway.Url, bearer: (await SignIn(Gateway.Url, "jake@helpline.example", SupporterPassword)).AccessToken);
        Assert.Equal(HttpStatusCode.NotFound, (await fresh.DeleteAsync($"/api/staff/{phone.AccountId}/sessions/{phone.SessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.DeleteAsync($"/api/staff/{admin.AccountId}/sessions/{admin.SessionId}")).StatusCode);
    }

    [Fact]
    public async Task A_supporter_is_refused_admin_calls_and_unknown_ids_are_not_found()
    {
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");

        using var asJake = HttpClients.For(Gateway.Url, bearer: jake.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.GetAsync("/api/supporters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.PostAsync($"/api/staff/{jake.AccountId}/reactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.PostAsJsonAsync("/api/staff/invites", new { email = "x@y.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await asJake.PatchAsJsonAsync($"/api/staff/{jake.AccountId}", new { maxConcurrentChats = 9 })).StatusCode);

        using var anonymous = HttpClients.For(Gateway.Url);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/supporters")).StatusCode);

        // The shared key creates the first admin only.
        using var withKey = HttpClients.For(Gateway.Url, adminKey: Gateway.AdminKey);
        var second = await withKey.PostAsJsonAsync("/api/staff/first-admin", new { email = "eve@helpline.example", displayName = "Eve" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/supporters")).StatusCode);

        using var asAdmin = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        foreach (var id in new[] { "0123456789abcdef0123456789abcdef", "not-an-id", "../etc" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.GetAsync($"/api/staff/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.PostAsync($"/api/staff/{id}/deactivate", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await asAdmin.PatchAsJsonAsync($"/api/staff/{id}", new { maxConcurrentChats = 2 })).StatusCode);
        }

        // Bad input changes nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await asAdmin.PatchAsJsonAsync($"/api/staff/{jake.AccountId}", new { maxConcurrentChats = 99 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await asAdmin.PatchAsJsonAsync($"/api/staff/{jake.AccountId}", new { role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await asAdmin.PostAsJsonAsync("/api/staff/invites", new { email = "no at sign", displayName = "X", languages = new[] { "en" }, maxConcurrentChats = 1 })).StatusCode);
        var taken = await asAdmin.PostAsJsonAsync("/api/staff/invites", new { email = "JAKE@helpline.example", displayName = "Jake 2", languages = new[] { "en" }, maxConcurrentChats = 1 });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await asAdmin.PatchAsJsonAsync($"/api/staff/{admin.AccountId}", new { role = "supporter" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await asAdmin.PostAsync($"/api/staff/{admin.AccountId}/deactivate", null)).StatusCode);
        Assert.Equal(Role.Admin, (await asAdmin.GetFromJsonAsync<StaffMember>($"/api/staff/{admin.AccountId}", ProtocolJson.Options))!.Role);
        var unchanged = await asAdmin.GetFromJsonAsync<StaffMember>($"/api/staff/{jake.AccountId}", ProtocolJson.Options);
        Assert.Equal(3, unchanged!.Capacity);
        Assert.Equal(Role.Supporter, unchanged.Role);
    }

    [Fact]
    public async Task Admins_list_search_and_edit_supporters_and_see_who_is_online_with_their_load()
    {
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake");
        await Supporter(Gateway.Url, admin, "bea@helpline.example", "Bea", role: "supervisor", crisisTrained: true);
        await Invite(Gateway.Url, admin, "sam@helpline.example", "Sam", livedExperience: ["grief"]);
        await using var online = await SupporterClient.Connect(Gateway.Url, AsSupporter(jake));

        using var http = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        var everyone = (await http.GetFromJsonAsync<StaffMember[]>("/api/supporters", ProtocolJson.Options))!;
        Assert.Equal(["Ada", "Bea", "Jake", "Sam"], everyone.Select(m => m.DisplayName));
        var listedJake = everyone.Single(m => m.DisplayName == "Jake");
        Assert.Equal(Presence.Online, listedJake.Presence);
        Assert.Equal(0, listedJake.ActiveChats);
        Assert.Equal(StoriBoard.Staff.StaffStatus.Invited, everyone.Single(m => m.DisplayName == "Sam").Status);

        Assert.Equal(["Sam"], (await http.GetFromJsonAsync<StaffMember[]>("/api/supporters?theme=grief", ProtocolJson.Options))!.Select(m => m.DisplayName));
        Assert.Equal(["Bea"], (await http.GetFromJsonAsync<StaffMember[]>("/api/supporters?role=supervisor", ProtocolJson.Options))!.Select(m => m.DisplayName));
        Assert.Equal(["Jake"], (await http.GetFromJsonAsync<StaffMember[]>("/api/supporters?q=JAK", ProtocolJson.Options))!.Select(m => m.DisplayName));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/supporters?theme=astrology")).StatusCode);

        var closed = Closing(online.Hub);
        var edited = await http.PatchAsJsonAsync($"/api/staff/{jake.AccountId}", new { maxConcurrentChats = 5, crisisTrained = true, role = "supervisor" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = (await edited.Content.ReadFromJsonAsync<StaffMember>(ProtocolJson.Options))!;
        Assert.Equal((5, true, Role.Supervisor), (after.Capacity, after.CrisisTrained, after.Role));

        // A new role takes effect at once: the connection closes, and the next session carries it.
        await closed.WaitAsync(TimeSpan.FromSeconds(5));
        var supervisor = await SignIn(Gateway.Url, "jake@helpline.example", SupporterPassword);
        Assert.Equal(Role.Supervisor, supervisor.Role);
        await using var back = await SupporterClient.Connect(Gateway.Url, AsSupporter(supervisor));
        var view = await back.SetAvailability("online");
        Assert.Equal((5, true, Role.Supervisor), (view.Capacity, view.CrisisTrained, view.Role));

        // An admin made a supporter takes chats from then on; the hub refused them before.
        var eve = await Supporter(Gateway.Url, admin, "eve@helpline.example", "Eve", role: "admin");
        var refused = ProtocolJson.Hub(Gateway.Url, "/hubs/supporter", eve.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAnyAsync<HttpRequestException>(() => refused.StartAsync())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PatchAsJsonAsync($"/api/staff/{eve.AccountId}", new { role = "supporter" })).StatusCode);
        var eveSupporting = await SignIn(Gateway.Url, "eve@helpline.example", SupporterPassword);
        await using var eveOnline = await SupporterClient.Connect(Gateway.Url, AsSupporter(eveSupporting));
        Assert.Equal(Role.Supporter, (await eveOnline.SetAvailability("online")).Role);
    }

    [Fact]
    public async Task The_audit_holds_each_action_in_order_and_exports_as_csv()
    {
        var admin = await FirstAdmin(Gateway);
        var jake = await Supporter(Gateway.Url, admin, "jake@helpline.example", "Jake", crisisTrained: true);
        await TrySignIn(Gateway.Url, "jake@helpline.example", "not the right password at all");
        using var http = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        await http.PatchAsJsonAsync($"/api/staff/{jake.AccountId}", new { maxConcurrentChats = 2 });

        // A risk changed by a supporter in a chat.
        await using var mark = await SeekerClient.Connect(Gateway.Url);
        await using var jakeOnline = await SupporterClient.Connect(Gateway.Url, AsSupporter(jake));
        var chat = await mark.StartConversation();
        await mark.RequestPeer(chat.ConversationId);
        await jakeOnline.AcceptOfferOf(chat.ConversationId);
        await jakeOnline.SetRisk(chat.ConversationId, "moderate", "said he has been drinking alone every night");
        await mark.Send(chat.ConversationId, "my secret words stay out of the audit");

        await http.PostAsync($"/api/staff/{jake.AccountId}/deactivate", null);
        await http.PostAsync($"/api/staff/{jake.AccountId}/reactivate", null);

        var entries = await Audit(Gateway.Url, admin);
        Assert.Equal(
            [
                (AuditActions.Invited, admin.AccountId),
                (AuditActions.InviteAccepted, admin.AccountId),
                (AuditActions.SignedIn, admin.AccountId),
                (AuditActions.Invited, jake.AccountId),
                (AuditActions.InviteAccepted, jake.AccountId),
                (AuditActions.SignedIn, jake.AccountId),
                (AuditActions.SignInFailed, jake.AccountId),
                (AuditActions.Edited, jake.AccountId),
                (AuditActions.RiskChanged, chat.ConversationId),
                (AuditActions.Deactivated, jake.AccountId),
                (AuditActions.Reactivated, jake.AccountId),
            ],
            entries.Select(e => (e.Action, e.Target)));
        Assert.Equal(StaffEndpoints.AdminKeyActor, entries[0].Actor);
        Assert.Equal(jake.AccountId, entries.Single(e => e.Action == AuditActions.RiskChanged).Actor);
        Assert.Equal("moderate", entries.Single(e => e.Action == AuditActions.RiskChanged).Detail);
        Assert.Equal("maxConcurrentChats", entries.Single(e => e.Action == AuditActions.Edited).Detail);
        Assert.All(entries.Where(e => e.Action is AuditActions.Edited or AuditActions.Deactivated), e => Assert.Equal(admin.AccountId, e.Actor));

        // Paging: two at a time, newest first, through the whole log.
        var paged = new List<AuditEntry>();
        string? next = null;
        do
        {
            var page = (await http.GetFromJsonAsync<AuditPage>($"/api/audit?limit=2{(next is null ? "" : "&before=" + next)}", ProtocolJson.Options))!;
            paged.AddRange(page.Entries);
            next = page.Entries.Length == 2 ? page.Next : null;
        }
        while (next is not null);
        Assert.Equal(entries.Reverse().Select(e => e.Id), paged.Select(e => e.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/audit?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/audit?before=drop")).StatusCode);

        var csv = await http.GetStringAsync("/api/audit/export");
        var lines = csv.Trim().Split('\n');
        Assert.Equal("id,at,actor,action,target,detail,address", lines[0]);
        Assert.Equal(entries.Length, lines.Length - 1);
        Assert.Contains(lines, l => l.Contains(AuditActions.RiskChanged) && l.Contains(chat.ConversationId));

        var everything = string.Join('\n', await AuditText(admin)) + csv;
        Assert.DoesNotContain("secret words", everything);
        Assert.DoesNotContain("drinking", everything);
        Assert.DoesNotContain(SupporterPassword, everything);
    }

    private async Task<string[]> AuditText(StaffSession admin)
    {
        using var http = HttpClients.For(Gateway.Url, bearer: admin.AccessToken);
        return [await http.GetStringAsync("/api/audit?limit=500")];
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
