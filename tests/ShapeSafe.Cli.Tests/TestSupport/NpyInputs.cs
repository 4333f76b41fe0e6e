using ShapeSafe.Interop;

namespace ShapeSafe.Tests.TestSupport;

/// <summary>Deterministic float32 .npy inputs, and comparison of .npy outputs.</summary>
public static class NpyInputs
{
    public static string Write(string path, long[] shape, int seed = 9)
    {
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        NpyFile.Write(path, NpyArray.FromFloats(shape, values));
        return path;
    }

    /// <summary>The largest absolute difference of two float32 arrays of the same shape.</summary>
    public static double MaxDifference(string a, string b)
    {
        var x = NpyFile.Read(a);
        var y = NpyFile.Read(b);
        Assert.Equal(x.Shape, y.Shape);
        return x.ToFloats().Zip(y.ToFloats(), (p, q) => Math.Abs((double)p - q)).DefaultIfEmpty(0).Max();
    }
}
