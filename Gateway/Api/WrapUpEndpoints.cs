using System.Security.Claims;
using StoriBoard.Gateway.Audit;
using StoriBoard.Gateway.Auth;
using StoriBoard.Gateway.Edge;
using StoriBoard.Gateway.Hubs;

namespace StoriBoard.Gateway.Api;

/// <summary>
/// Supervisors and admins read how chats were left: the person's rating and the supporter's private note, per
/// supporter and per conversation. Every read is written to the audit log, as a transcript read would be.
/// </summary>
public static class WrapUpEndpoints
{
    public const int DefaultCount = 50;

    public static RouteGroupBuilder MapWrapUps(this RouteGroupBuilder api)
    {
        api.MapGet("/supporters/{supporterId}/wrap-ups", BySupporter).RequireAuthorization(Policies.Oversight);
        api.MapGet("/conversations/{conversationId}/wrap-up", ByConversation).RequireAuthorization(Policies.Oversight);
        return api;
    }

    private static async Task<IResult> BySupporter(
        string supporterId, int? count, HttpContext http, IGrainFactory grains, AuditLog audit)
    {
        var id = StaffValidation.AccountId(supporterId);
        var wrapUps = await grains.GetGrain<ISupporterWrapUpsGrain>(id).Recent(count ?? DefaultCount);
        await audit.Record(Reader(http.User).Id, AuditActions.WrapUpsRead, id, "supporter", ClientAddress.Of(http));
        return Results.Ok(wrapUps);
    }

    private static async Task<IResult> ByConversation(
        string conversationId, HttpContext http, IGrainFactory grains, AuditLog audit)
    {
        var id = HubArguments.ConversationId(conversationId);
        var reader = Reader(http.User);
        var wrapUp = await grains.GetGrain<IConversationGrain>(id).WrapUp(reader);
        await audit.Record(reader.Id, AuditActions.WrapUpsRead, id, "conversation", ClientAddress.Of(http));
        return Results.Ok(wrapUp);
    }

    private static Participant Reader(ClaimsPrincipal user) =>
        new(user.IsInRole(Roles.Admin) ? Role.Admin : Role.Supervisor, user.FindFirstValue("sub")!);
}
