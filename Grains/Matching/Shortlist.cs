namespace StoriBoard.Matching;

/// <summary>The best few supporters seen so far in one search, best first.</summary>
public sealed class Shortlist(int wanted)
{
    private readonly List<(SupporterEntry Entry, double Score)> _best = new(wanted + 1);

    public bool IsFull => _best.Count >= wanted;

    /// <summary>The score a supporter must beat to get on a full shortlist.</summary>
    public double Floor => IsFull ? _best[^1].Score : double.NegativeInfinity;

    public IReadOnlyList<SupporterEntry> Chosen => _best.ConvertAll(b => b.Entry);

    public void Consider(SupporterEntry entry, double score)
    {
        if (wanted <= 0 || score <= Floor)
        {
            return;
        }

        var at = _best.FindIndex(b => score > b.Score);
        _best.Insert(at < 0 ? _best.Count : at, (entry, score));
        if (_best.Count > wanted)
        {
            _best.RemoveAt(_best.Count - 1);
        }
    }
}
