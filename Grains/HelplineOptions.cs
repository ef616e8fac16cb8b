namespace StoriBoard;

/// <summary>Limits and timings of conversations, bound from the "StoriBoard:Conversations" configuration section.</summary>
public sealed class ConversationOptions
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
}

/// <summary>Timings of the matchmaker, bound from the "StoriBoard:Matching" configuration section.</summary>
public sealed class MatchingOptions
{
    public const string Section = "StoriBoard:Matching";

    /// <summary>How long a supporter has to accept an offer before it moves on.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the matchmaker looks for expired offers.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A rough handling time per waiting place, for the estimated wait shown to seekers.</summary>
    public TimeSpan EstimatedTimePerPlace { get; set; } = TimeSpan.FromMinutes(2);
}
