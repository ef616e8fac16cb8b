using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StoriBoard.Matching;
using StoriBoard.Telemetry;

namespace StoriBoard;

/// <summary>
/// Hosts one <see cref="MatchBoard"/>: one shard of one language (see <see cref="MatchmakerKeys"/>), and sends what it decides. Calls out are one-way or not
/// awaited, so the matchmaker never waits on a conversation or a supporter that may be calling it. Its queue is soft state: waiting conversations re-enqueue
/// themselves on a reminder after a restart, and supporters re-announce on every change.
/// </summary>
public sealed class MatchmakerGrain(
    IMatchScorer scorer, TimeProvider time, IOptions<MatchingOptions> options, HelplineMetrics metrics, ILogger<MatchmakerGrain> logger)
    : Grain, IMatchmakerGrain
{
    private MatchBoard _board = null!;

    // Red flags already reported as waiting too long, so each is reported once.
    private readonly HashSet<string> _unanswered = [];

    private string Shard => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _board = new MatchBoard(scorer, time, options.Value, Shard);
        this.RegisterGrainTimer(Sweep, options.Value.SweepInterval, options.Value.SweepInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.QueueGone(Shard);
        return Task.CompletedTask;
    }

    public Task Enqueue(MatchRequest request) => Send(_board.Enqueue(request));

    public Task Withdraw(string conversationId) => Send(_board.Withdraw(conversationId));

    public Task UpdateSupporter(SupporterAvailability availability) => Send(_board.UpdateSupporter(availability));

    public Task Declined(string offerId)
    {
        metrics.Offers("declined");
        return Send(_board.Declined(offerId));
    }

    public Task Returned(string offerId, SupporterAvailability availability) => Send(_board.Returned(offerId, availability));

    public Task Matched(string conversationId, string offerId)
    {
        metrics.Offers("accepted");
        logger.OfferAccepted(offerId, conversationId);
        return Send(_board.Matched(conversationId, offerId));
    }

    /// <summary>The timer's turn; the operators' gauges get the queue's picture once a sweep.</summary>
    private Task Sweep()
    {
        var changes = _board.Sweep();
        metrics.Queue(Shard, _board.Picture());
        var unanswered = _board.RedFlagsWaitingLongerThan(options.Value.RedFlagAlarmAfter).ToList();
        foreach (var (conversationId, waited) in unanswered.Where(r => _unanswered.Add(r.ConversationId)))
        {
            logger.RedFlagUnanswered(conversationId, waited.TotalSeconds);
        }

        _unanswered.IntersectWith(unanswered.Select(r => r.ConversationId));
        return Send(changes);
    }

    /// <summary>
    /// Not awaited by the turn that made the offer, so the matchmaker never waits on a supporter who may be calling it;
    /// only its failure comes back here, as a later turn. An offer lost with a dead silo would otherwise hold the
    /// conversation for the whole offer timeout.
    /// </summary>
    private async Task Deliver(Offer offer)
    {
        try
        {
            await GrainFactory.GetGrain<ISupporterGrain>(offer.SupporterId).ReceiveOffer(offer);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Offer {OfferId} did not reach supporter {SupporterId}; offering the conversation again", offer.OfferId, offer.SupporterId);
            await Send(_board.Undelivered(offer.OfferId));
        }
    }

    private Task Send(MatchChanges changes)
    {
        metrics.Offers("made", changes.Made.Count);
        metrics.Offers("expired", changes.Expired.Count);
        metrics.Offers("withdrawn", changes.Withdrawn.Count - changes.Expired.Count);
        foreach (var offer in changes.Expired)
        {
            logger.OfferExpired(offer.OfferId, offer.ConversationId, offer.Risk, offer.SupporterId);
        }

        foreach (var offer in changes.Made)
        {
            logger.OfferMade(offer.OfferId, offer.ConversationId, offer.Risk, offer.SupporterId);
        }

        foreach (var offer in changes.Withdrawn)
        {
            GrainFactory.GetGrain<ISupporterGrain>(offer.SupporterId).WithdrawOffer(offer.OfferId);
        }

        foreach (var offer in changes.Made)
        {
            _ = Deliver(offer);
        }

        foreach (var (conversationId, standing) in changes.Standings)
        {
            GrainFactory.GetGrain<IConversationGrain>(conversationId).QueueChanged(standing);
        }

        return Task.CompletedTask;
    }
}
