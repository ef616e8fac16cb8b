namespace StoriBoard;

[Alias("StoriBoard.Role")]
public enum Role
{
    Seeker,
    Supporter,
    Supervisor,

    /// <summary>Manages staff accounts and reads the audit log; takes no chats.</summary>
    Admin,
}

/// <summary>Who is calling a grain: every call that reads or writes a conversation names its caller, and the grain checks it.</summary>
[GenerateSerializer, Alias("StoriBoard.Participant")]
public sealed record Participant([property: Id(0)] Role Role, [property: Id(1)] string Id)
{
    public static Participant Seeker(string id) => new(Role.Seeker, id);

    public static Participant Supporter(string id) => new(Role.Supporter, id);

    /// <summary>The key of this participant's inbox grain.</summary>
    public string InboxKey => Role == Role.Seeker ? $"seeker/{Id}" : $"supporter/{Id}";
}

[GenerateSerializer, Alias("StoriBoard.SessionPreferences")]
public sealed record SessionPreferences([property: Id(0)] string Language, [property: Id(1)] string Region);

[GenerateSerializer, Alias("StoriBoard.SupporterProfile")]
public sealed record SupporterProfile(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string[] LivedExperience,
    [property: Id(2)] string[] Languages,
    [property: Id(3)] bool CrisisTrained,
    [property: Id(4)] int MaxConcurrentChats,
    [property: Id(5)] Role Role);
