namespace StoriBoard.Reports;

/// <summary>
/// Waits counted in fixed log-scale buckets, eight to each doubling from one millisecond: a bucket is one counter per
/// hour, so hours and days merge by adding counts, and a percentile read back is the bucket's geometric middle, within
/// <see cref="RelativeError"/> of the true value. Bucket 0 holds waits under a millisecond.
/// </summary>
public static class WaitHistogram
{
    public const int StepsPerDoubling = 8;

    /// <summary>The highest bucket: waits of about 2^40 ms (35 years) and longer share it.</summary>
    public const int LastBucket = 40 * StepsPerDoubling + 1;

    /// <summary>How far a reported percentile may be from the wait it stands for: half a bucket, 2^(1/16) − 1, about 4.4 %.</summary>
    public static readonly double RelativeError = Math.Pow(2, 1.0 / (2 * StepsPerDoubling)) - 1;

    public static int Bucket(TimeSpan wait)
    {
        var ms = wait.TotalMilliseconds;
        if (ms < 1)
        {
            return 0;
        }

        return Math.Min(LastBucket, 1 + (int)Math.Floor(Math.Log2(ms) * StepsPerDoubling));
    }

    /// <summary>The wait a bucket stands for: its geometric middle (half a millisecond for bucket 0).</summary>
    public static TimeSpan Middle(int bucket) =>
        bucket <= 0 ? TimeSpan.FromMilliseconds(0.5) : TimeSpan.FromMilliseconds(Math.Pow(2, (bucket - 0.5) / StepsPerDoubling));

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 1) of counts by bucket; null when nothing was counted.</summary>
    public static TimeSpan? Percentile(IReadOnlyDictionary<int, long> counts, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var total = counts.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(p * total);
        long seen = 0;
        foreach (var (bucket, count) in counts.Where(c => c.Value > 0).OrderBy(c => c.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return Middle(bucket);
            }
        }

        throw new InvalidOperationException("Unreachable: the ranks add up to the total.");
    }
}
