using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StoriBoard.Continuity;

/// <summary>
/// One help-seeker's Web Push subscription, keyed by their id. Its state expires with the retention, like the person's
/// other keys, and goes with <see cref="IHelpSeekerGrain.Erase"/>.
/// </summary>
public sealed class PushSubscriptionGrain(
    [PersistentState("push", Storage.Name)] IPersistentState<PushSubscriptionGrain.SubscriptionState> state,
    PushSender sender,
    IOptions<WebPushOptions> options,
    ILogger<PushSubscriptionGrain> logger) : Grain, IPushSubscriptionGrain
{
    // A notice waiting to be tried again. While one waits, a new Notify adds nothing: every notice says the same.
    private IGrainTimer? _retry;

    private string SeekerId => this.GetPrimaryKeyString();

    public async Task Subscribe(PushSubscription subscription)
    {
        if (state.State.Subscription == subscription)
        {
            return;
        }

        state.State.Subscription = subscription;
        await state.WriteStateAsync();
    }

    public async Task Unsubscribe()
    {
        StopRetrying();
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new SubscriptionState();
    }

    public Task<bool> Subscribed() => Task.FromResult(state.State.Subscription is not null);

    public Task Notify() => _retry is null ? Deliver(attempt: 1) : Task.CompletedTask;

    /// <summary>Never throws: the caller is a check-in, which has already reached the person's page or kept the check-in.</summary>
    private async Task Deliver(int attempt)
    {
        StopRetrying();
        if (state.State.Subscription is not { } subscription)
        {
            return;
        }

        var attempts = options.Value.Attempts;
        PushResult result;
        try
        {
            result = await sender.Send(subscription);
        }
        catch (Exception failure)
        {
            // The type only: a message may name the endpoint.
            RetryOrGiveUp(attempt, attempts, failure.GetType().Name, retryAfter: null);
            return;
        }

        switch (result.Outcome)
        {
            case PushOutcome.Gone:
                logger.SubscriptionGone(SeekerId, result.StatusCode);
                await Forget();
                break;
            case PushOutcome.Refused:
                logger.NoticeRefused(SeekerId, result.StatusCode);
                break;
            case PushOutcome.Failed:
                RetryOrGiveUp(attempt, attempts, result.StatusCode?.ToString() ?? "no answer", result.RetryAfter);
                break;
        }
    }

    private void RetryOrGiveUp(int attempt, int attempts, string failure, TimeSpan? retryAfter)
    {
        if (attempt >= attempts)
        {
            logger.NoticeFailed(SeekerId, attempt, attempts, failure, "; given up");
            return;
        }

        // Doubling waits; a push service's Retry-After is kept to, within an hour.
        var delay = options.Value.RetryDelay * Math.Pow(2, attempt - 1);
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < TimeSpan.FromHours(1) ? asked : TimeSpan.FromHours(1);
        }

        logger.NoticeFailed(SeekerId, attempt, attempts, failure, $"; trying again in {delay.TotalSeconds:0} s");
        _retry = this.RegisterGrainTimer(
            _ => Deliver(attempt + 1), new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private async Task Forget()
    {
        try
        {
            await state.ClearStateAsync();
            state.State = new SubscriptionState();
        }
        catch (Exception failure)
        {
            // Storage failed: the next notice meets the same answer and tries again.
            logger.DropFailed(SeekerId, failure.GetType().Name);
        }
    }

    private void StopRetrying()
    {
        _retry?.Dispose();
        _retry = null;
    }

    [GenerateSerializer, Alias("StoriBoard.Continuity.PushSubscriptionGrain.SubscriptionState")]
    public sealed class SubscriptionState
    {
        [Id(0)] public PushSubscription? Subscription { get; set; }
    }
}
