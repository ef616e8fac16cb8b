using StoriBoard.Reports;

namespace StoriBoard.Tests.Reports;

/// <summary>The wait buckets: every wait lands in a bucket whose middle is within the stated error, and percentiles merge.</summary>
[Trait("Tier", "Unit")]
public sealed class WaitHistogramTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(42)]
    [InlineData(850)]
    [InlineData(12_345)]
    [InlineData(600_000)]
    [InlineData(7_200_000)]
    public void A_wait_reads_back_within_the_bucket_error(double ms)
    {
        var middle = WaitHistogram.Middle(WaitHistogram.Bucket(TimeSpan.FromMilliseconds(ms))).TotalMilliseconds;
        Assert.InRange(Math.Abs(middle - ms) / ms, 0, WaitHistogram.RelativeError + 1e-9);
    }

    [Fact]
    public void The_error_is_half_a_bucket_about_four_and_a_half_percent() =>
        Assert.Equal(0.0443, Math.Round(WaitHistogram.RelativeError, 4));

    [Fact]
    public void Waits_under_a_millisecond_and_negative_ones_share_bucket_zero_and_the_longest_share_the_last()
    {
        Assert.Equal(0, WaitHistogram.Bucket(TimeSpan.FromMilliseconds(0.3)));
        Assert.Equal(0, WaitHistogram.Bucket(TimeSpan.Zero));
        Assert.Equal(WaitHistogram.LastBucket, WaitHistogram.Bucket(TimeSpan.FromDays(365 * 100)));
        Assert.True(WaitHistogram.Bucket(TimeSpan.FromMilliseconds(1)) > 0);
    }

    [Fact]
    public void Buckets_grow_with_the_wait()
    {
        var buckets = new[] { 1, 2, 5, 10, 100, 1000, 60_000 }.Select(ms => WaitHistogram.Bucket(TimeSpan.FromMilliseconds(ms))).ToArray();
        Assert.Equal(buckets.Order(), buckets);
        Assert.Equal(buckets.Length, buckets.Distinct().Count());
    }

    [Fact]
    public void Percentiles_are_nearest_rank_over_the_counts()
    {
        // 100 waits: 1..100 seconds.
        var counts = new Dictionary<int, long>();
        for (var s = 1; s <= 100; s++)
        {
            var bucket = WaitHistogram.Bucket(TimeSpan.FromSeconds(s));
            counts[bucket] = counts.GetValueOrDefault(bucket) + 1;
        }

        AssertNear(50, WaitHistogram.Percentile(counts, 0.5)!.Value.TotalSeconds);
        AssertNear(90, WaitHistogram.Percentile(counts, 0.9)!.Value.TotalSeconds);
        AssertNear(100, WaitHistogram.Percentile(counts, 1)!.Value.TotalSeconds);
        Assert.Null(WaitHistogram.Percentile(new Dictionary<int, long>(), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaitHistogram.Percentile(counts, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaitHistogram.Percentile(counts, 1.5));
    }

    private static void AssertNear(double expected, double actual) =>
        Assert.InRange(actual, expected * (1 - WaitHistogram.RelativeError), expected * (1 + WaitHistogram.RelativeError));
}
