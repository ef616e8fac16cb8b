namespace StoriBoard.LoadTests.Load;

/// <summary>
/// One stage of load, on NBomber's model. Closed stages hold a number of live seekers (each one that
/// leaves is replaced); open stages start new seekers at a rate whatever the system's state, so a slow
/// system meets more people, not fewer — as on a real night.
/// </summary>
public abstract record LoadSimulation(TimeSpan During);

/// <summary>Closed: moves the number of live seekers linearly from the previous closed stage's to <paramref name="Copies"/>.</summary>
public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation(During);

/// <summary>Closed: holds <paramref name="Copies"/> live seekers.</summary>
public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation(During);

/// <summary>Open: <paramref name="Rate"/> new seekers a second.</summary>
public sealed record Inject(double Rate, TimeSpan During) : LoadSimulation(During);

/// <summary>Open: moves the arrival rate linearly from the previous open stage's to <paramref name="Rate"/>.</summary>
public sealed record RampingInject(double Rate, TimeSpan During) : LoadSimulation(During);

/// <summary>No new seekers; those already talking carry on.</summary>
public sealed record Pause(TimeSpan During) : LoadSimulation(During);
