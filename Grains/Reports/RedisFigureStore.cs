using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StackExchange.Redis;

namespace StoriBoard.Reports;

/// <summary>
/// One Redis hash per UTC hour, <c>storiboard:{service}:figures:{yyyyMMddHH}</c>, written by every silo with HINCRBY
/// (atomic, so silos never read before they add). Each silo sets the hour's expiry,
/// <see cref="ReportOptions.Retention"/>, with its first event in that hour rather than with every event: an hour's
/// keys then outlive its last event by the retention less at most an hour, at half the commands. Commands are sent
/// without waiting for the answer: a figure never holds up a conversation, and a write lost while Redis is down costs
/// a count, never a message.
/// </summary>
public sealed class RedisFigureStore(IConnectionMultiplexer redis, IOptions<ReportOptions> options, IOptions<ClusterOptions> cluster)
    : IFigureStore
{
    private readonly IDatabase _db = redis.GetDatabase();
    private readonly TimeSpan _retention = options.Value.Retention;
    private readonly string _prefix = $"storiboard:{cluster.Value.ServiceId}:figures:";

    /// <summary>The hour (UTC ticks) this silo last set the expiry of.</summary>
    private long _expiring;

    public void Add(DateTimeOffset at, string figure, long by = 1)
    {
        var hour = HourFigures.HourOf(at);
        var key = Key(hour);
        _db.HashIncrement(key, figure, by, CommandFlags.FireAndForget);
        // Another hour than the last (a new hour, or a supporter's shift shared out over past hours) sets it again.
        if (Interlocked.Exchange(ref _expiring, hour.UtcTicks) != hour.UtcTicks)
        {
            _db.KeyExpire(key, _retention, CommandFlags.FireAndForget);
        }
    }

    public async Task<IReadOnlyList<HourFigures>> Read(DateTimeOffset firstHour, int hours)
    {
        try
        {
            var batch = _db.CreateBatch();
            var reads = Enumerable.Range(0, hours)
                .Select(i => firstHour.AddHours(i))
                .Select(hour => (Hour: hour, Entries: batch.HashGetAllAsync(Key(hour))))
                .ToList();
            batch.Execute();
            var figures = new List<HourFigures>(hours);
            foreach (var (hour, entries) in reads)
            {
                figures.Add(new HourFigures(hour, (await entries).ToDictionary(e => e.Name.ToString(), e => (long)e.Value, StringComparer.Ordinal)));
            }

            return figures;
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            throw new StoreUnavailableException($"The figures store did not answer: {exception.GetType().Name}.");
        }
    }

    private RedisKey Key(DateTimeOffset hour) => _prefix + hour.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
