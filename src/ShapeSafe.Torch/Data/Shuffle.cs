namespace ShapeSafe.Torch.Data;

/// <summary>Seeded permutations: the same seed gives the same order on every machine and device.</summary>
public static class Shuffle
{
    /// <summary>A Fisher-Yates permutation of 0..count-1 driven by <see cref="Random"/> with the seed.</summary>
    public static int[] Permutation(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>The seed for one epoch's shuffle, from the run's seed: stable, so a resumed run shuffles as the uninterrupted one would.</summary>
    public static int EpochSeed(int seed, int epoch) => unchecked((seed * 1_000_003) + (epoch * 7919) + 17);
}
