namespace StoriBoard.Tests.Infrastructure;

/// <summary>Events a test client received, in arrival order, with a way to wait for the one a test expects.</summary>
public sealed class EventLog<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return _items.ToArray();
            }
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public async Task<T> WaitFor(Func<T, bool> match, string what, TimeSpan? timeout = null)
    {
        T? found = default;
        await Eventually.True(() =>
        {
            var hit = Items.Where(match).ToArray();
            if (hit.Length == 0)
            {
                return false;
            }

            found = hit[0];
            return true;
        }, what, timeout);
        return found!;
    }
}
