namespace StoriBoard.Reports;

/// <summary>
/// The helpline's figures, one set of counters per UTC hour. Adding never waits for the store, so counting costs a
/// conversation nothing it would notice; reading answers every hour asked for, empty or not.
/// </summary>
public interface IFigureStore
{
    /// <summary>Adds <paramref name="by"/> to one counter of the hour that <paramref name="at"/> falls in.</summary>
    void Add(DateTimeOffset at, string figure, long by = 1);

    /// <summary>The counters of <paramref name="hours"/> hours from <paramref name="firstHour"/> (a whole UTC hour), in order.</summary>
    Task<IReadOnlyList<HourFigures>> Read(DateTimeOffset firstHour, int hours);
}

/// <summary>One UTC hour's counters by name (see <see cref="FigureNames"/>); a counter never added is absent.</summary>
public sealed record HourFigures(DateTimeOffset Hour, IReadOnlyDictionary<string, long> Counts)
{
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>The figures in memory, for a helpline running embedded: lost with the process, as everything else is then.</summary>
public sealed class InMemoryFigureStore : IFigureStore
{
    private readonly Dictionary<DateTimeOffset, Dictionary<string, long>> _hours = [];

    public void Add(DateTimeOffset at, string figure, long by = 1)
    {
        lock (_hours)
        {
            var hour = HourFigures.HourOf(at);
            if (!_hours.TryGetValue(hour, out var counts))
            {
                _hours[hour] = counts = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            counts[figure] = counts.GetValueOrDefault(figure) + by;
        }
    }

    public Task<IReadOnlyList<HourFigures>> Read(DateTimeOffset firstHour, int hours)
    {
        lock (_hours)
        {
            IReadOnlyList<HourFigures> read = Enumerable.Range(0, hours)
                .Select(i => firstHour.AddHours(i))
                .Select(hour => new HourFigures(hour, _hours.TryGetValue(hour, out var counts)
                    ? new Dictionary<string, long>(counts, StringComparer.Ordinal)
                    : new Dictionary<string, long>(StringComparer.Ordinal)))
                .ToList();
            return Task.FromResult(read);
        }
    }
}
