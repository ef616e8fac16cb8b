// PLACEHOLDER until the responder branch merges; deleted then.
using Microsoft.Extensions.DependencyInjection;
namespace StoriBoard.Responding;

public static class PendingResponderServices
{
    public static IServiceCollection AddStoriBoardResponder(this IServiceCollection services) =>
        services.AddSingleton<IResponder, PendingResponder>();
}

internal sealed class PendingResponder : IResponder
{
    public AiReply? Reply(ReplyContext context) => null;

    public AiReply WhileWaiting(ReplyContext context, QueueStanding standing) =>
        new($"You are number {standing.Position} in the queue.", [], [], false);

    public HandoffCard Handoff(ReplyContext context) =>
        new(string.Empty, context.ConversationThemes, context.RiskHistory, [.. context.AlreadyOffered]);
}
