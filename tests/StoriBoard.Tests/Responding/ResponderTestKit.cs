using StoriBoard.Conversations;
using StoriBoard.Responding;

namespace StoriBoard.Tests.Responding;

/// <summary>The shipped library, loaded once, and small builders for analyses and conversations.</summary>
internal static class ResponderTestKit
{
    private static readonly Lazy<ContentLibrary> Shared = new(() => ContentLibrary.Load(ContentLibrary.DefaultDirectory));

    public static ContentLibrary Library => Shared.Value;

    public static Responder NewResponder() => new(Library);

    public static MessageAnalysis Analysis(RiskLevel risk, params (string Theme, double Score)[] themes) => new(
        [.. themes.Select(t => new ThemeScore(t.Theme, t.Score)).OrderByDescending(t => t.Score)],
        new RiskAssessment(risk, 0.9, new Dictionary<string, double> { [risk.Id()] = 0.9 }),
        risk.IsRedFlag(),
        []);

    public static IEnumerable<MessagePart> OfKind(this AiReply reply, MessagePartKind kind) => reply.Parts.Where(p => p.Kind == kind);
}

/// <summary>
/// Plays the conversation grain's side: accumulates themes, risks and what was offered, judges each turn with the real
/// safety assessment, and moves to waiting when asked for a peer.
/// </summary>
internal sealed class SimulatedConversation(
    IResponder responder, string region = "GB", ConversationStatus status = ConversationStatus.Ai, string language = "en")
{
    private readonly Dictionary<string, double> themes = [];
    private readonly List<RiskLevel> risks = [];
    private readonly HashSet<string> offered = [];
    private readonly SafetyState safety = new();
    private RiskLevel conversationRisk;
    private SafetyJudgement? judgement;

    public ConversationStatus Status { get; set; } = status;

    public int Count { get; private set; }

    /// <summary>The language of the next message when the helpline does not serve it (what the grain would pass on).</summary>
    public string? Spoken { get; set; }

    public IReadOnlyCollection<string> Offered => offered;

    public AiReply? Send(string text, MessageAnalysis analysis)
    {
        Count++;
        risks.Add(analysis.Risk.Level);
        foreach (var theme in analysis.Themes)
        {
            themes[theme.Id] = Math.Max(themes.GetValueOrDefault(theme.Id), theme.Score);
        }

        judgement = SafetyAssessment.Judge(safety, conversationRisk, text, analysis, null, DateTimeOffset.UnixEpoch);
        conversationRisk = judgement.Risk;
        var reply = responder.Reply(Context(text, analysis));
        if (reply is not null)
        {
            Give(reply);
        }

        return reply;
    }

    public void Give(AiReply reply)
    {
        offered.UnionWith(reply.ContentIds);
        if (reply.ConnectPeer && Status == ConversationStatus.Ai)
        {
            Status = ConversationStatus.Waiting;
        }
    }

    public ReplyContext Context(string text, MessageAnalysis analysis)
    {
        var context = new ReplyContext(
            text,
            analysis,
            [.. themes.Select(t => new ThemeScore(t.Key, t.Value)).OrderByDescending(t => t.Score)],
            [.. risks],
            risks.DefaultIfEmpty(RiskLevel.None).Max(),
            Status,
            region,
            language,
            Count,
            offered.ToArray())
        {
            ConversationRisk = conversationRisk,
            Spoken = Spoken,
        };
        return judgement?.Shape(context) ?? context;
    }
}
