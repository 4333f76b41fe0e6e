using ShapeSafe.Torch.Data;

namespace ShapeSafe.Tests.Data;

public sealed class NormalizationTests
{
    [Fact]
    public void ComputesPerChannelMeanAndPopulationStd()
    {
        // Two 1x2 RGB images: channel 0 holds 0, 255, 0, 255; channel 1 is constant 51; channel 2 holds 0, 0, 255, 255.
        byte[] pixels = [0, 255, 51, 51, 0, 0, 0, 255, 51, 51, 255, 255];
        var set = new ImageSet(pixels, [0, 1], 3, 1, 2, ["a", "b"], "memory", DataKind.ImageFolder);

        var n = Normalization.Compute(set);

        Assert.Equal([0.5f, 0.2f, 0.5f], n.Mean.Select(v => MathF.Round(v, 5)));
        Assert.Equal([0.5f, 1f, 0.5f], n.Std.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void HoldOutIsSeededAndDisjoint()
    {
        var set = new ImageSet(Enumerable.Range(0, 50).Select(i => (byte)i).ToArray(), Enumerable.Range(0, 50).Select(i => i % 2).ToArray(), 1, 1, 1, ["a", "b"], "memory", DataKind.Idx);

        var (train, val) = set.HoldOut(0.1, seed: 3);
        var (train2, val2) = set.HoldOut(0.1, seed: 3);

        Assert.Equal(45, train.Count);
        Assert.Equal(5, val.Count);
        Assert.Equal(val.Pixels, val2.Pixels);
        Assert.Equal(train.Pixels, train2.Pixels);
        Assert.Empty(train.Pixels.Intersect(val.Pixels));
    }
}
