using Microsoft.Extensions.Logging;

namespace StoriBoard.Continuity;

/// <summary>
/// Web Push in the log (event ids 1101–1105): the seeker's id and the push service's status only, never an endpoint,
/// a key or what a notice says.
/// </summary>
public static partial class PushEvents
{
    [LoggerMessage(1101, LogLevel.Warning,
        "Web Push: no StoriBoard__WebPush__PublicKey and PrivateKey configured, so a development key pair was generated and kept in grain storage")]
    public static partial void DevelopmentKeysGenerated(this ILogger logger);

    [LoggerMessage(1102, LogLevel.Information, "Web Push subscription of seeker {SeekerId} dropped: the push service answered {Status}")]
    public static partial void SubscriptionGone(this ILogger logger, string seekerId, int? status);

    [LoggerMessage(1103, LogLevel.Warning, "Web Push to seeker {SeekerId} refused by the push service ({Status}); not tried again")]
    public static partial void NoticeRefused(this ILogger logger, string seekerId, int? status);

    [LoggerMessage(1104, LogLevel.Warning, "Web Push to seeker {SeekerId} failed on try {Attempt} of {Attempts} ({Failure}){Next}")]
    public static partial void NoticeFailed(this ILogger logger, string seekerId, int attempt, int attempts, string failure, string next);

    [LoggerMessage(1105, LogLevel.Warning, "Web Push subscription of seeker {SeekerId} is gone but could not be dropped yet ({Failure})")]
    public static partial void DropFailed(this ILogger logger, string seekerId, string failure);
}
