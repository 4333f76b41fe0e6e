using ShapeSafe.Explain;

namespace ShapeSafe.Tests.Explain;

public sealed class FactorAnalysisTests
{
    [Theory]
    [InlineData(29040, "29040 = 60x22x22 = 15x44x44 = 240x11x11")]
    [InlineData(8192, "8192 = 32x16x16 = 128x8x8 = 8x32x32 = 512x4x4 = 2048x2x2 = 2x64x64")]
    [InlineData(3136, "3136 = 16x14x14 = 64x7x7 = 49x8x8 = 4x28x28 = 784x2x2 = 3136x1x1")]
    [InlineData(2048, "2048 = 32x8x8 = 8x16x16 = 128x4x4 = 512x2x2 = 2x32x32 = 2048x1x1")]
    [InlineData(7, "7 = 7x1x1")]
    [InlineData(10007, "10007 = 10007")]
    [InlineData(1, "1 = 1x1x1")]
    public void ListsSquareChannelSizeFormsMostPlausibleFirst(long value, string expected)
    {
        Assert.Equal(expected, FactorAnalysis.Hints(value)!.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void HasNoHintsForNonPositiveSizes(long value)
    {
        Assert.Null(FactorAnalysis.Hints(value));
    }

    [Theory]
    [InlineData(29040, "2^4 * 3 * 5 * 11^2")]
    [InlineData(692227, "19 * 36433")]
    [InlineData(4611686018427387904, "2^62")]
    [InlineData(9223372036854775783, "9223372036854775783")]
    public void FactorsIntoPrimes(long value, string expected)
    {
        Assert.Equal(expected, FactorAnalysis.PrimeFactorization(value));
    }

    [Theory]
    [InlineData(8192, 2048, 32L, 16L, 8L)]
    [InlineData(2048, 8192, 32L, 8L, 16L)]
    [InlineData(29040, 2048, null, null, null)]
    [InlineData(2048, 2048, null, null, null)]
    public void FindsAChannelCountUnderWhichOnlyTheMapSizeDiffers(long actual, long expected, long? channels, long? actualSide, long? expectedSide)
    {
        var common = FactorAnalysis.CommonChannels(actual, expected);

        Assert.Equal(channels, common?.Channels);
        Assert.Equal(actualSide, common?.ActualSide);
        Assert.Equal(expectedSide, common?.ExpectedSide);
    }

    [Fact]
    public void HintsMultiplyBackToTheValue()
    {
        foreach (var value in new long[] { 29040, 8192, 5408, 4096, 12544, 25088, 1 << 30 })
        {
            Assert.All(FactorAnalysis.Hints(value)!.Candidates, h => Assert.Equal(value, h.Channels * h.Side * h.Side));
        }
    }
}
