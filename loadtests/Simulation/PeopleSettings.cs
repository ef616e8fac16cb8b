namespace StoriBoard.LoadTests.Simulation;

/// <summary>How the simulated people behave: their pauses, their patience, and who the supporters are.</summary>
public sealed record PeopleSettings
{
    /// <summary>Between a seeker's messages (reading, thinking, typing), compressed from a real night.</summary>
    public ThinkTime SeekerThink { get; init; } = new(TimeSpan.FromSeconds(1.5), 0.6, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(8));

    /// <summary>From an offer appearing on a supporter's console to their pressing Accept.</summary>
    public ThinkTime SupporterAccept { get; init; } = new(TimeSpan.FromSeconds(1), 0.5, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(5));

    /// <summary>From a seeker's message arriving to the supporter's reply being sent.</summary>
    public ThinkTime SupporterReply { get; init; } = new(TimeSpan.FromSeconds(1.5), 0.5, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(6));

    /// <summary>How long a seeker waits for a peer before ending the conversation.</summary>
    public TimeSpan MatchPatience { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of seekers whose words include a red flag.</summary>
    public double RedFlagShare { get; init; } = 0.05;

    /// <summary>Share of supporters trained for crisis work (at least one always is).</summary>
    public double CrisisTrainedShare { get; init; } = 0.3;

    /// <summary>Chats a supporter holds at once.</summary>
    public int SupporterCapacity { get; init; } = 3;

    /// <summary>After the last send, how long a seeker waits for everything to arrive before reconciling.</summary>
    public TimeSpan DeliveryGrace => SupporterReply.Max + TimeSpan.FromSeconds(5);

    public PeopleSettings Scaled(double factor) => this with
    {
        SeekerThink = SeekerThink.Scaled(factor),
        SupporterAccept = SupporterAccept.Scaled(factor),
        SupporterReply = SupporterReply.Scaled(factor),
    };
}
