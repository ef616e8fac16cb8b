namespace StoriBoard;

/// <summary>
/// A refusal the caller can act on, with a PROTOCOL.md error code. Its message is written for people and never
/// carries message text.
/// </summary>
[GenerateSerializer, Alias("StoriBoard.HelplineException")]
public sealed class HelplineException : Exception
{
    public HelplineException(string code, string message) : base(message) => Code = code;

    [Id(0)]
    public string Code { get; }

    public int StatusCode => Code switch
    {
        ErrorCodes.NotFound => 404,
        ErrorCodes.Forbidden => 403,
        ErrorCodes.Conflict => 409,
        ErrorCodes.TooLarge => 413,
        ErrorCodes.RateLimited => 429,
        ErrorCodes.Unauthorized => 401,
        ErrorCodes.Unavailable => 503,
        _ => 400,
    };

    public static HelplineException NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");

    public static HelplineException Forbidden(string why) => new(ErrorCodes.Forbidden, why);

    public static HelplineException Conflict(string why) => new(ErrorCodes.Conflict, why);

    public static HelplineException Invalid(string why) => new(ErrorCodes.Invalid, why);
}

public static class ErrorCodes
{
    public const string Invalid = "invalid";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string TooLarge = "too_large";
    public const string RateLimited = "rate_limited";

    /// <summary>A fault (cluster, storage or a timeout), not a refusal: the same call may succeed when repeated.</summary>
    public const string Unavailable = "unavailable";
}

/// <summary>
/// Storage did not answer, or not in time: a fault, not a refusal. Raised in place of the storage client's own
/// exception, whose type cannot cross from a silo to a gateway; the gateway answers it as "unavailable".
/// </summary>
[GenerateSerializer, Alias("StoriBoard.StoreUnavailableException")]
public sealed class StoreUnavailableException(string message) : Exception(message);
