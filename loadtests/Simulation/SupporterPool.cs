using StoriBoard.LoadTests.Protocol;

namespace StoriBoard.LoadTests.Simulation;

/// <summary>The supporters on shift for a run, with varied lived experience; some are crisis-trained.</summary>
public sealed class SupporterPool : IAsyncDisposable
{
    private readonly List<SimulatedSupporter> _supporters = [];

    private SupporterPool()
    {
    }

    public ConversationRegistry.Staffing Staffing() => new(
        _supporters.Any(s => s.HasRoom), _supporters.Any(s => s.CrisisTrained && s.HasRoom));

    public static async Task<SupporterPool> StartAsync(LoadContext context, int count, string runTag)
    {
        var pool = new SupporterPool();
        var random = new Random(count);
        var themes = context.Catalog.Themes.ToArray();
        var crisisTrained = Math.Max(1, (int)Math.Round(count * context.People.CrisisTrainedShare));
        for (var i = 0; i < count; i++)
        {
            var profile = new NewSupporter(
                $"Load supporter {runTag}-{i + 1:000}",
                themes.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).ToArray(),
                ["en"],
                // Spread the crisis-trained through the pool rather than bunching them first.
                CrisisTrained: i * crisisTrained / count != (i + 1) * crisisTrained / count,
                context.People.SupporterCapacity,
                "supporter");
            pool._supporters.Add(new SimulatedSupporter(context, profile));
        }

        try
        {
            // A few at a time: a shift starting is not itself the load under test.
            await Parallel.ForEachAsync(pool._supporters, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (supporter, _) => await supporter.StartAsync());
            context.Registry.WatchStaffing(pool.Staffing);
            return pool;
        }
        catch
        {
            await pool.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(_supporters.Select(s => s.DisposeAsync().AsTask()));
}
