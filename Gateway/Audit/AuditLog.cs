using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StoriBoard.Silo;

namespace StoriBoard.Gateway.Audit;

/// <summary>One thing staff did (or tried): who, what, to whom, and never any message text or password.</summary>
public sealed record AuditEntry(
    string Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string? Address);

/// <summary>What an admin asks of the log: newest first, before a cursor, optionally of one action, actor or target.</summary>
public sealed record AuditQuery(
    string? Before, int Limit, string? Action, string? Actor, string? Target, DateTimeOffset? From, DateTimeOffset? To);

public sealed record AuditPage(AuditEntry[] Entries, string? Next);

/// <summary>The names of the audited actions.</summary>
public static class AuditActions
{
    public const string SignedIn = "staff.signed_in";
    public const string SignInFailed = "staff.sign_in_failed";
    public const string Locked = "staff.locked";
    public const string Invited = "staff.invited";
    public const string InviteAccepted = "staff.invite_accepted";
    public const string Edited = "staff.edited";
    public const string Deactivated = "staff.deactivated";
    public const string Reactivated = "staff.reactivated";
    public const string SessionRevoked = "staff.session_revoked";
    public const string SignedOut = "staff.signed_out";
    public const string RiskChanged = "conversation.risk_changed";
    public const string WrapUpsRead = "wrap_ups.read";
    public const string TranscriptRead = "conversation.transcript_read";
    public const string Joined = "conversation.joined";
    public const string Left = "conversation.left";
    public const string Whispered = "conversation.whispered";
    public const string TakenOver = "conversation.taken_over";
    public const string Reassigned = "conversation.reassigned";
}

/// <summary>
/// The audit log, append-only: with Redis one stream for the whole helpline (XADD; entries are never edited, and only
/// the oldest fall off past <see cref="GatewayOptions.AuditMaxEntries"/>), so every gateway writes to and reads the same
/// log in one order. Embedded, a list in memory. Entry ids are the stream's, so they order and page the log.
/// </summary>
public sealed class AuditLog(
    IConfiguration configuration, IServiceProvider services, TimeProvider time, IOptions<GatewayOptions> options)
{
    private const int ScanBatch = 500;

    /// <summary>How much of the log one filtered read looks through, so a filter that matches nothing stays cheap.</summary>
    private const int ScanLimit = 20_000;

    private readonly HostingOptions _hosting = configuration.StoriBoardHosting();
    private readonly List<AuditEntry> _memory = [];
    private long _memorySequence;

    private IDatabase? Redis => _hosting.Embedded ? null : services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    private RedisKey Key => $"storiboard:{_hosting.ServiceId}:audit";

    public async Task Record(string actor, string action, string? target = null, string? detail = null, string? address = null)
    {
        var now = time.GetUtcNow();
        if (Redis is { } redis)
        {
            await redis.StreamAddAsync(
                Key,
                [
                    new NameValueEntry("at", now.ToUnixTimeMilliseconds()),
                    new NameValueEntry("actor", actor),
                    new NameValueEntry("action", action),
                    new NameValueEntry("target", target ?? ""),
                    new NameValueEntry("detail", detail ?? ""),
                    new NameValueEntry("address", address ?? ""),
                ],
                maxLength: options.Value.AuditMaxEntries,
                useApproximateMaxLength: true);
            return;
        }

        lock (_memory)
        {
            _memory.Add(new AuditEntry(
                $"{now.ToUnixTimeMilliseconds()}-{++_memorySequence}", now, actor, action, target, detail, address));
            if (_memory.Count > options.Value.AuditMaxEntries)
            {
                _memory.RemoveAt(0);
            }
        }
    }

    public async Task<AuditPage> Read(AuditQuery query)
    {
        var found = new List<AuditEntry>();
        var cursor = query.Before;
        var scanned = 0;
        while (found.Count < query.Limit && scanned < ScanLimit)
        {
            var batch = await Batch(cursor, query.From, query.To);
            if (batch.Length == 0)
            {
                return new AuditPage([.. found], null);
            }

            scanned += batch.Length;
            foreach (var entry in batch)
            {
                cursor = entry.Id;
                if (Wanted(entry, query))
                {
                    found.Add(entry);
                    if (found.Count == query.Limit)
                    {
                        break;
                    }
                }
            }
        }

        return new AuditPage([.. found], cursor);
    }

    private static bool Wanted(AuditEntry entry, AuditQuery query) =>
        (query.Action is null || entry.Action == query.Action)
        && (query.Actor is null || entry.Actor == query.Actor)
        && (query.Target is null || entry.Target == query.Target);

    /// <summary>Up to <see cref="ScanBatch"/> entries, newest first, older than <paramref name="before"/>.</summary>
    private async Task<AuditEntry[]> Batch(string? before, DateTimeOffset? from, DateTimeOffset? to)
    {
        var newest = before is not null ? "(" + before : to is { } end ? end.ToUnixTimeMilliseconds() + "-18446744073709551615" : "+";
        var oldest = from is { } start ? start.ToUnixTimeMilliseconds() + "-0" : "-";
        if (Redis is { } redis)
        {
            var entries = await redis.StreamRangeAsync(Key, oldest, newest, ScanBatch, Order.Descending);
            return entries.Select(Read).ToArray();
        }

        lock (_memory)
        {
            return _memory
                .AsEnumerable()
                .Reverse()
                .Where(e => (before is null || IdOrder(e.Id).CompareTo(IdOrder(before)) < 0) && (from is null || e.At >= from) && (to is null || e.At <= to))
                .Take(ScanBatch)
                .ToArray();
        }
    }

    private static (long, long) IdOrder(string id)
    {
        var dash = id.IndexOf('-');
        return dash > 0 && long.TryParse(id.AsSpan(0, dash), out var ms) && long.TryParse(id.AsSpan(dash + 1), out var n) ? (ms, n) : (0, 0);
    }

    private static AuditEntry Read(StreamEntry entry)
    {
        string? Field(string name) => entry[name] is { IsNullOrEmpty: false } value ? (string?)value : null;
        return new AuditEntry(
            entry.Id!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)entry["at"]),
            Field("actor") ?? "",
            Field("action") ?? "",
            Field("target"),
            Field("detail"),
            Field("address"));
    }
}
