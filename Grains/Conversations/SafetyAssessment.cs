using System.Text.RegularExpressions;
using StoriBoard.Classification;
using StoriBoard.Responding;

namespace StoriBoard.Conversations;

/// <summary>What the safety judgement made of one seeker turn.</summary>
/// <param name="Risk">The conversation's risk after this turn.</param>
/// <param name="Change">The change of risk this turn made, if any, with its reason.</param>
/// <param name="Ask">The direct question the AI asks in its reply, if any.</param>
/// <param name="AskingAgain">The question is asked again in other words after an unclear answer.</param>
/// <param name="Answer">How the seeker answered the question pending before this turn, if one was.</param>
/// <param name="MeansSpoken">Means or a plan have been spoken of in this conversation.</param>
/// <param name="Unsure">This turn's red flag came from the model alone, unsure: routed as one, but asked about directly.</param>
public sealed record SafetyJudgement(
    RiskLevel Risk,
    RedFlagKind? Kind,
    RiskChange? Change,
    DirectQuestion? Ask,
    bool AskingAgain,
    Answer? Answer,
    bool MeansSpoken,
    bool Unsure = false)
{
    /// <summary>The risk this turn is answered at: the message's own, or higher when an answer or its context raised it.</summary>
    public RiskLevel TurnRisk(RiskLevel own) => Change?.To is { } raised && raised > own ? raised : own;

    /// <summary>The reply's context with what the judgement decided: the turn's risk, the kind, the question to ask.</summary>
    public ReplyContext Shape(ReplyContext context) => context with
    {
        TurnRisk = TurnRisk(context.TurnRisk),
        Kind = Kind,
        Ask = Ask,
        AskingAgain = AskingAgain,
        MeansSpoken = MeansSpoken,
        Unsure = Unsure,
    };
}

/// <summary>
/// The conversation-level safety judgement. Each seeker message is judged with its context: the previous seeker turns
/// and the AI's last direct question. An answer to that question is understood; risk rises with the model and the
/// answers, and falls only by rules: a moderate risk after a clear no and calmer messages. A red flag never falls
/// here: only a crisis-trained supporter or a supervisor clears it (<see cref="SetByPerson"/>).
/// </summary>
public static partial class SafetyAssessment
{
    /// <summary>Calmer messages (low or none) after a clear no that let a moderate risk fall to low.</summary>
    public const int CalmMessagesToFall = 2;

    public const string ByModel = "model";
    public const string ByAnswer = "answer";
    public const string ByAssessment = "assessment";

    /// <param name="current">The conversation's risk before this turn.</param>
    /// <param name="alone">The classifier's reading of the message on its own.</param>
    /// <param name="withContext">Its reading joined to the previous seeker turn, when that turn was already worrying.</param>
    public static SafetyJudgement Judge(
        SafetyState state, RiskLevel current, string text, MessageAnalysis alone, MessageAnalysis? withContext, DateTimeOffset now)
    {
        var words = text.ToLowerInvariant().Replace('’', '\'');
        var (means, when) = (MeansSpoken().IsMatch(words), TimeSpoken().IsMatch(words));
        var meansAndTime = means && when;
        state.MeansSpoken |= means;
        state.TimeSpoken |= when;
        var risk = current;
        RiskChange? change = null;
        var asked = state.Pending;
        Answer? answer = asked is { } question ? AnswerReader.Read(question, text) : null;
        state.Pending = null;

        // True when the risk rose to the level given.
        bool Raise(RiskLevel to, RedFlagKind? kind, string by, string reason)
        {
            if (to <= risk)
            {
                return false;
            }

            if (to.IsRedFlag())
            {
                state.Kind = kind ?? state.Kind ?? RedFlagKind.Suicide;
            }

            change = new RiskChange(now, current, to, by, reason, to.IsRedFlag() ? state.Kind : null);
            risk = to;
            return true;
        }

        var askAgain = false;
        if (asked is { } q && answer is { } a)
        {
            switch (q, a)
            {
                case (DirectQuestion.ThoughtsOfSuicide, Answer.Yes):
                    Raise(state.MeansOrTime ? RiskLevel.Imminent : RiskLevel.High, RedFlagKind.Suicide, ByAnswer,
                        state.MeansOrTime ? "answered yes to thoughts of suicide, with means or a time" : "answered yes to thoughts of suicide");
                    break;
                case (DirectQuestion.ThoughtsOfSuicide, Answer.No):
                    state.DeniedThoughtsOfSuicide = true;
                    state.CalmSinceDenial = 0;
                    break;
                case (DirectQuestion.SafeNow, Answer.No):
                    Raise(RiskLevel.Imminent, state.Kind, ByAnswer, "answered that they are not safe right now");
                    break;
                case (DirectQuestion.TakenAnything, Answer.Yes):
                    // Something taken is a medical emergency, whatever kind the red flag was before.
                    state.Kind = RedFlagKind.Medical;
                    Raise(RiskLevel.Imminent, RedFlagKind.Medical, ByAnswer, "answered yes to having taken something");
                    change ??= new RiskChange(now, current, risk, ByAnswer, "answered yes to having taken something", state.Kind);
                    break;
                case (_, Answer.Unclear) when !state.AskedAgain:
                    askAgain = true;
                    break;
                case (DirectQuestion.ThoughtsOfSuicide, Answer.Unclear):
                    // Asked twice and still unclear: held as a concern, never cleared by silence.
                    Raise(RiskLevel.Moderate, null, ByAnswer, "no clear answer to thoughts of suicide, asked twice");
                    break;
            }
        }

        // The model, on the message alone and, after a worrying turn, on the two together.
        var read = withContext is not null && withContext.Risk.Level > alone.Risk.Level ? withContext : alone;
        var modelKind = read.RedFlag ? read.Kind ?? RedFlagKind.Suicide : (RedFlagKind?)null;

        // A red flag the model reached only through its recall-first threshold, with no safety rule behind it, is unsure:
        // it is routed as a red flag all the same (never missed), but held at high, not imminent, and the AI asks about
        // it directly, as a crisis counsellor would, rather than tell someone who took the bins out to call 999.
        var unsure = read.RedFlag && read.Signals.Length == 0 && MostLikely(read.Risk) < RiskLevel.High;
        var reason = read.Signals.Length > 0 ? $"safety rules: {string.Join(", ", read.Signals)}"
            : unsure ? "read by the model, unsure: asked directly" : "read by the model";
        unsure &= Raise(unsure ? RiskLevel.High : read.Risk.Level, modelKind, ByModel,
            ReferenceEquals(read, alone) ? reason : $"{reason}, with the turn before");

        // A plan with the means and the time at hand is imminent (TAXONOMY.md), whatever level the model gave it.
        if (risk == RiskLevel.High && meansAndTime && state.Kind is RedFlagKind.Suicide or RedFlagKind.SelfHarm)
        {
            Raise(RiskLevel.Imminent, state.Kind, ByAssessment, "a red flag with the means and a time spoken of");
        }

        // A moderate risk falls after a clear no and calmer messages; a red flag never falls by itself.
        if (state.DeniedThoughtsOfSuicide && asked != DirectQuestion.ThoughtsOfSuicide && risk == RiskLevel.Moderate && change is null)
        {
            state.CalmSinceDenial = alone.Risk.Level <= RiskLevel.Low ? state.CalmSinceDenial + 1 : 0;
            if (state.CalmSinceDenial >= CalmMessagesToFall)
            {
                change = new RiskChange(now, risk, RiskLevel.Low, ByAssessment, "said no to thoughts of suicide; calmer since");
                risk = RiskLevel.Low;
                state.DeniedThoughtsOfSuicide = false;
            }
        }

        if (change is not null)
        {
            state.Record(change);
        }

        var ask = askAgain ? asked
            : unsure && !state.Asked.Contains(DirectQuestion.ThoughtsOfSuicide) ? DirectQuestion.ThoughtsOfSuicide
            : NextQuestion(state, risk);
        if (ask is { } next)
        {
            state.Pending = next;
            state.AskedAgain = askAgain;
            state.Asked.Add(next);
        }

        return new SafetyJudgement(risk, risk.IsRedFlag() ? state.Kind : null, change, ask, askAgain, answer, state.MeansSpoken, unsure);
    }

    /// <summary>
    /// A person changes the risk from the console, with a reason. The caller has checked that they may: lowering a red
    /// flag takes a crisis-trained supporter or a supervisor.
    /// </summary>
    public static RiskChange SetByPerson(
        SafetyState state, RiskLevel current, RiskLevel to, RedFlagKind? kind, string by, string reason, DateTimeOffset now)
    {
        if (to.IsRedFlag())
        {
            state.Kind = kind ?? state.Kind ?? RedFlagKind.Suicide;
        }
        else
        {
            state.Kind = null;
            state.DeniedThoughtsOfSuicide = false;
        }

        state.Pending = null;
        var change = new RiskChange(now, current, to, by, reason, to.IsRedFlag() ? state.Kind : null);
        state.Record(change);
        return change;
    }

    private static RiskLevel MostLikely(RiskAssessment risk) =>
        risk.Scores.Count == 0 ? risk.Level
            : RiskLevels.All.MaxBy(level => risk.Scores.GetValueOrDefault(level.Id()));

    /// <summary>The next question a crisis counsellor would ask at this risk and kind that has not been asked yet.</summary>
    private static DirectQuestion? NextQuestion(SafetyState state, RiskLevel risk)
    {
        IEnumerable<DirectQuestion> order = risk switch
        {
            RiskLevel.Moderate when !state.DeniedThoughtsOfSuicide => [DirectQuestion.ThoughtsOfSuicide],
            _ when risk.IsRedFlag() => state.Kind switch
            {
                RedFlagKind.Suicide => state.MeansSpoken
                    ? [DirectQuestion.TakenAnything, DirectQuestion.SomeoneWithYou]
                    : [DirectQuestion.SafeNow, DirectQuestion.SomeoneWithYou],
                RedFlagKind.SelfHarm or RedFlagKind.DangerFromOthers or RedFlagKind.HarmToOthers =>
                    [DirectQuestion.SafeNow, DirectQuestion.SomeoneWithYou],
                RedFlagKind.Medical => [DirectQuestion.SomeoneWithYou],
                _ => [],
            },
            _ => [],
        };
        return order.Where(q => !state.Asked.Contains(q)).Cast<DirectQuestion?>().FirstOrDefault();
    }

    [GeneratedRegex(@"\b(pills|tablets|paracetamol|painkillers|meds|overdose|rope|noose|ligature|knife|blade|razor|gun|shotgun|bridge|car park|multi-?storey|train|tracks|cliff|roof|ledge|saved|saving|stockpil\w*|plan|planned|planning|worked out how|(a|my) note|letters? for)\b")]
    private static partial Regex MeansSpoken();

    [GeneratedRegex(@"\b(tonight|right now|this weekend|tomorrow|today|when (everyone|they'?re|he'?s|she'?s) asleep|the night|this is it)\b")]
    private static partial Regex TimeSpoken();
}
