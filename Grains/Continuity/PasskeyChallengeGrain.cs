namespace StoriBoard.Continuity;

/// <summary>
/// One passkey challenge, in memory only: a lost one (a silo restart) means the person simply asks again. It is given
/// out once, and the grain goes when its lifetime is over, so nothing of it outlives the ceremony.
/// </summary>
public sealed class PasskeyChallengeGrain(TimeProvider time) : Grain, IPasskeyChallengeGrain
{
    private PasskeyCeremony? _ceremony;
    private DateTimeOffset _until;

    public Task Issue(PasskeyCeremony ceremony, TimeSpan lifetime)
    {
        if (_ceremony is not null)
        {
            // Challenges are random; one issued twice is a bug or a forgery, and neither may reopen it.
            throw HelplineException.Conflict("That passkey request is already under way.");
        }

        _ceremony = ceremony;
        _until = time.GetUtcNow() + lifetime;
        this.RegisterGrainTimer(() =>
        {
            _ceremony = null;
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(lifetime, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task<PasskeyCeremony?> Take()
    {
        var ceremony = time.GetUtcNow() < _until ? _ceremony : null;
        _ceremony = null;
        DeactivateOnIdle();
        return Task.FromResult(ceremony);
    }
}
