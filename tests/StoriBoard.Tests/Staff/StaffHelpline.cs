using System.Net;
using System.Net.Http.Json;
using StoriBoard.Gateway.Api;
using StoriBoard.Gateway.Audit;
using StoriBoard.Tests.Infrastructure;

namespace StoriBoard.Tests.Staff;

/// <summary>Staff calls over real HTTP, as the admin page and the console make them.</summary>
public static class StaffHelpline
{
    public const string AdminPassword = "a lantern on the night desk";

    public const string SupporterPassword = "tea and toast at four in the morning";

    public static async Task<StaffInviteCreated> InviteFirstAdmin(GatewayProcess gateway, string email = "ada@helpline.example")
    {
        using var http = HttpClients.For(gateway.Url, adminKey: gateway.AdminKey);
        var response = await http.PostAsJsonAsync("/api/staff/first-admin", new { email, displayName = "Ada" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StaffInviteCreated>(ProtocolJson.Options))!;
    }

    /// <summary>The first admin invited with the shared key, accepted and signed in.</summary>
    public static async Task<StaffSession> FirstAdmin(GatewayProcess gateway)
    {
        var invite = await InviteFirstAdmin(gateway);
        Assert.Equal(HttpStatusCode.OK, (await Accept(gateway.Url, invite.InviteToken, AdminPassword)).StatusCode);
        return await SignIn(gateway.Url, "ada@helpline.example", AdminPassword);
    }

    public static async Task<StaffInviteCreated> Invite(
        Uri gateway, StaffSession admin, string email, string name, string role = "supporter", bool crisisTrained = false,
        string[]? livedExperience = null)
    {
        using var http = HttpClients.For(gateway, bearer: admin.AccessToken);
        var response = await http.PostAsJsonAsync("/api/staff/invites", new
        {
            email,
            displayName = name,
            livedExperience = livedExperience ?? ["work", "relationship"],
            languages = new[] { "en" },
            crisisTrained,
            maxConcurrentChats = 3,
            role,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StaffInviteCreated>(ProtocolJson.Options))!;
    }

    public static async Task<HttpResponseMessage> Accept(Uri gateway, string inviteToken, string password)
    {
        using var http = HttpClients.For(gateway);
        return await http.PostAsJsonAsync("/api/staff/invites/accept", new { inviteToken, password });
    }

    public static async Task<HttpResponseMessage> TrySignIn(Uri gateway, string email, string password)
    {
        using var http = HttpClients.For(gateway);
        return await http.PostAsJsonAsync("/api/staff/sign-in", new { email, password });
    }

    public static async Task<StaffSession> SignIn(Uri gateway, string email, string password)
    {
        var response = await TrySignIn(gateway, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StaffSession>(ProtocolJson.Options))!;
    }

    /// <summary>A supporter invited by the admin, who accepts and signs in.</summary>
    public static async Task<StaffSession> Supporter(
        Uri gateway, StaffSession admin, string email, string name, string role = "supporter", bool crisisTrained = false)
    {
        var invite = await Invite(gateway, admin, email, name, role, crisisTrained);
        Assert.Equal(HttpStatusCode.OK, (await Accept(gateway, invite.InviteToken, SupporterPassword)).StatusCode);
        return await SignIn(gateway, email, SupporterPassword);
    }

    public static async Task<HttpResponseMessage> Refresh(Uri gateway, string refreshToken)
    {
        using var http = HttpClients.For(gateway);
        return await http.PostAsJsonAsync("/api/staff/refresh", new { refreshToken });
    }

    /// <summary>The audit log, oldest first.</summary>
    public static async Task<AuditEntry[]> Audit(Uri gateway, StaffSession admin, string query = "")
    {
        using var http = HttpClients.For(gateway, bearer: admin.AccessToken);
        var page = await http.GetFromJsonAsync<AuditPage>("/api/audit?limit=500" + query, ProtocolJson.Options);
        return [.. page!.Entries.Reverse()];
    }

    public static SupporterCreated AsSupporter(StaffSession session) => new(session.AccountId, session.AccessToken);

    public static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ErrorBody>(ProtocolJson.Options))!.Error;
}
