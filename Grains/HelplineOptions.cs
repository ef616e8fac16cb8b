namespace StoriBoard;

/// <summary>Limits and timings of conversations, bound from the "StoriBoard:Conversations" configuration section.</summary>
public sealed class ConversationOptions : ISettings
{
    public const string Section = "StoriBoard:Conversations";

    /// <summary>Longest message accepted, in characters.</summary>
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>A sender may send at most this many messages per <see cref="RateWindow"/>.</summary>
    public int MessagesPerWindow { get; set; } = 20;

    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many conversations a help-seeker may have open at once.</summary>
    public int MaxOpenConversations { get; set; } = 3;

    /// <summary>How long transcripts are kept after the last message.</summary>
    public TimeSpan TranscriptRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Longest client message id accepted.</summary>
    public int MaxClientMessageIdLength { get; set; } = 100;

    /// <summary>Longest private note a supporter may leave when ending a chat.</summary>
    public int MaxNoteLength { get; set; } = 2000;

    /// <summary>
    /// A session that has started no conversation this long after it was made is cleared: anonymous sessions made and
    /// never used (a closed tab, or a script) leave nothing behind. Kept under an hour.
    /// </summary>
    public TimeSpan UnstartedSessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A person waiting for a supporter whose page stays closed this long has left: their place in the queue is given
    /// up, so no supporter accepts a chat with nobody in it. Long enough for a phone to lock and reconnect.
    /// </summary>
    public TimeSpan PageClosedGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A person waiting this long since the AI last spoke of the wait hears where they stand again.</summary>
    public TimeSpan StillWaitingInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        if (MaxMessageLength < 1)
        {
            yield return $"{Name(nameof(MaxMessageLength))} must be 1 or more.";
        }

        if (MessagesPerWindow < 1 || RateWindow <= TimeSpan.Zero)
        {
            yield return $"{Name(nameof(MessagesPerWindow))} must be 1 or more and {Name(nameof(RateWindow))} longer than zero.";
        }

        if (MaxOpenConversations < 1)
        {
            yield return $"{Name(nameof(MaxOpenConversations))} must be 1 or more.";
        }

        if (TranscriptRetention < TimeSpan.FromSeconds(1))
        {
            yield return $"{Name(nameof(TranscriptRetention))} must be at least one second.";
        }

        if (MaxClientMessageIdLength < 1 || MaxNoteLength < 0)
        {
            yield return $"{Name(nameof(MaxClientMessageIdLength))} must be 1 or more and {Name(nameof(MaxNoteLength))} 0 or more.";
        }

        if (UnstartedSessionLifetime <= TimeSpan.Zero || UnstartedSessionLifetime > TimeSpan.FromHours(1))
        {
            yield return $"{Name(nameof(UnstartedSessionLifetime))} must be longer than zero and at most an hour.";
        }

        if (PageClosedGrace <= TimeSpan.Zero || StillWaitingInterval <= TimeSpan.Zero)
        {
            yield return $"{Name(nameof(PageClosedGrace))} and {Name(nameof(StillWaitingInterval))} must be longer than zero.";
        }
    }
}

/// <summary>Timings and shape of the matchmaker, bound from the "StoriBoard:Matching" configuration section.</summary>
public sealed class MatchingOptions : ISettings
{
    public const string Section = "StoriBoard:Matching";

    /// <summary>How long a supporter has to accept an offer before it moves on.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A red flag waiting this long for a crisis-trained supporter is reported in the log, once.</summary>
    public TimeSpan RedFlagAlarmAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the matchmaker looks for expired offers, ended cool-downs and waits, and pushes queue standings.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A rough time for one queue place to move per online supporter, used for the estimated wait only until the
    /// matchmaker has seen enough matches to measure its real rate.
    /// </summary>
    public TimeSpan EstimatedTimePerPlace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Matchmaker shards per language: a help-seeker's conversations go to one, supporters announce to all.</summary>
    public int Shards { get; set; } = 4;

    /// <summary>How many supporters are offered one conversation at once; the first to accept wins.</summary>
    public int OffersAtOnce { get; set; } = 1;

    /// <summary>How long a conversation waits for someone with shared lived experience before any qualified supporter will do. Red flags never wait.</summary>
    public TimeSpan LivedExperienceWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>No new offers for this long after a red-flag chat ends: time to breathe before the next person.</summary>
    public TimeSpan RedFlagCoolDown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How much a red-flag chat weighs in a supporter's load, an ordinary chat weighing 1.</summary>
    public double RedFlagLoadWeight { get; set; } = 2;

    /// <summary>
    /// How many of the least loaded, longest idle supporters are scored exactly in each group of the same lived
    /// experience, and among everyone when shared experience is not required.
    /// </summary>
    public int Shortlist { get; set; } = 8;

    /// <summary>
    /// How often a waiting conversation puts itself back in its shard's queue, on a durable reminder: the sweep that
    /// refills a queue lost with a silo. Putting back a conversation that is still queued changes nothing.
    /// </summary>
    public TimeSpan RequeueInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often an online supporter tells every shard again that they are there, for a shard that restarted empty
    /// after the hosts re-announced everyone. Longer than the re-queue, since every supporter calls every shard: at 5 s,
    /// night-peak's peer delivery p99 was 49–55 ms, against 30 ms with the refresh at 30 s.
    /// </summary>
    public TimeSpan SupporterRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The window over which the recent match rate (for estimated waits) is measured.</summary>
    public TimeSpan MatchRateWindow { get; set; } = TimeSpan.FromMinutes(10);

    public IEnumerable<string> Problems()
    {
        string Name(string key) => Settings.Name(Section, key);
        foreach (var (key, value) in new[]
                 {
                     (nameof(OfferTimeout), OfferTimeout), (nameof(SweepInterval), SweepInterval),
                     (nameof(EstimatedTimePerPlace), EstimatedTimePerPlace), (nameof(MatchRateWindow), MatchRateWindow),
                     (nameof(RedFlagAlarmAfter), RedFlagAlarmAfter),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Name(key)} must be longer than zero.";
            }
        }

        if (LivedExperienceWait < TimeSpan.Zero || RedFlagCoolDown < TimeSpan.Zero)
        {
            yield return $"{Name(nameof(LivedExperienceWait))} and {Name(nameof(RedFlagCoolDown))} must not be negative.";
        }

        if (Shards < 1 || OffersAtOnce < 1 || Shortlist < 1)
        {
            yield return $"{Name(nameof(Shards))}, {Name(nameof(OffersAtOnce))} and {Name(nameof(Shortlist))} must be 1 or more.";
        }

        if (RedFlagLoadWeight < 1)
        {
            yield return $"{Name(nameof(RedFlagLoadWeight))} must be 1 or more (an ordinary chat weighs 1).";
        }

        if (RequeueInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{Name(nameof(RequeueInterval))} must be at least one second (the reminders' shortest period).";
        }

        if (SupporterRefreshInterval < TimeSpan.FromSeconds(1))
        {
            yield return $"{Name(nameof(SupporterRefreshInterval))} must be at least one second.";
        }
    }
}

/// <summary>
/// How the gateway hosts keep the cluster told where people are connected, bound from "StoriBoard:Delivery". The gateway
/// reads it for its check-ins; the silos read it to judge a host gone.
/// </summary>
public sealed class DeliveryOptions : ISettings
{
    public const string Section = "StoriBoard:Delivery";

    /// <summary>How often each gateway host checks in with the roll of live hosts.</summary>
    public TimeSpan CheckInInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A host silent this long is gone: its supporters get no more offers. Several check-ins long, so one late check-in is not a death.</summary>
    public TimeSpan HostLifetime { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Problems()
    {
        if (CheckInInterval <= TimeSpan.Zero)
        {
            yield return $"{Settings.Name(Section, nameof(CheckInInterval))} must be longer than zero.";
        }

        if (HostLifetime < 2 * CheckInInterval)
        {
            yield return $"{Settings.Name(Section, nameof(HostLifetime))} must be at least two check-ins ({Settings.Name(Section, nameof(CheckInInterval))}) long, or one late check-in would end a live host.";
        }
    }
}
