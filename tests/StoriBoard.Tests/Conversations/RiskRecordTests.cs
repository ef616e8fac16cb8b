using StoriBoard.Conversations;

namespace StoriBoard.Tests.Conversations;

[Trait("Tier", "Unit")]
public sealed class RiskRecordTests
{
    [Fact]
    public void A_long_conversation_keeps_the_recent_levels_and_counts_all_of_them()
    {
        var record = new RiskRecord();
        record.Add(RiskLevel.High);
        for (var i = 0; i < 500; i++)
        {
            record.Add(RiskLevel.Low);
        }

        Assert.Equal(RiskRecord.RecentKept, record.Recent.Count);
        Assert.All(record.Recent, level => Assert.Equal(RiskLevel.Low, level));
        Assert.Equal(500, record.Counts[(int)RiskLevel.Low]);
        Assert.Equal(1, record.Counts[(int)RiskLevel.High]);
        Assert.Equal(RiskLevel.High, record.Highest);
        Assert.Equal(RiskLevel.High, record.Level);
    }

    [Theory]
    [InlineData(new RiskLevel[0], null)]
    [InlineData(new[] { RiskLevel.Low }, Trend.Steady)]
    [InlineData(new[] { RiskLevel.Low, RiskLevel.Moderate }, Trend.Rising)]
    [InlineData(new[] { RiskLevel.High, RiskLevel.Low }, Trend.Falling)]
    [InlineData(new[] { RiskLevel.Low, RiskLevel.Low }, Trend.Steady)]
    public void The_trend_compares_the_last_two_messages(RiskLevel[] levels, Trend? expected)
    {
        var record = new RiskRecord();
        foreach (var level in levels)
        {
            record.Add(level);
        }

        Assert.Equal(expected, record.Trend);
    }
}
