using ShapeSafe.Torch.Data;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Data;

public sealed class BatchLoaderTests
{
    [Fact]
    public void BatchesAreNormalizedImagesOfTheShuffledOrder()
    {
        var pixels = Enumerable.Range(0, 5 * 2 * 2 * 2).Select(i => (byte)(i * 3)).ToArray();
        var set = new ImageSet(pixels, [0, 1, 0, 1, 1], 2, 2, 2, ["a", "b"], "memory", DataKind.ImageFolder);
        var normalization = new Normalization([0.25f, 0.5f], [0.5f, 0.25f]);
        using var loader = new BatchLoader(set, normalization, CPU);
        var order = loader.Order(shuffle: true, seed: 11);

        using var scope = NewDisposeScope();
        var (images, labels) = loader.Batch(order, index: 1, batchSize: 3);

        Assert.Equal(order, loader.Order(shuffle: true, seed: 11));
        Assert.Equal(2, loader.BatchCount(3));
        Assert.Equal(new long[] { 2, 2, 2, 2 }, images.shape);
        var values = images.data<float>().ToArray();
        for (var b = 0; b < 2; b++)
        {
            var n = order[3 + b];
            Assert.Equal(set.Labels[n], (int)labels[b].item<long>());
            for (var c = 0; c < 2; c++)
            {
                for (var i = 0; i < 4; i++)
                {
                    var expected = ((pixels[(n * 8) + (c * 4) + i] / 255f) - normalization.Mean[c]) / normalization.Std[c];
                    Assert.Equal(expected, values[(b * 8) + (c * 4) + i], 4);
                }
            }
        }
    }
}
