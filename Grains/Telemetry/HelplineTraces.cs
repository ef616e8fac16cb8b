using System.Diagnostics;

namespace StoriBoard.Telemetry;

/// <summary>
/// The helpline's own spans, "StoriBoard": the steps of a message that no library traces, such as the push from a
/// gateway's queue to a person's connections. Tags carry ids and kinds only, never text.
/// </summary>
public static class HelplineTraces
{
    public const string SourceName = "StoriBoard";

    public static readonly ActivitySource Source = new(SourceName);
}
