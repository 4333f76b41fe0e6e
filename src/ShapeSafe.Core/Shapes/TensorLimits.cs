using System.Numerics;

namespace ShapeSafe.Shapes;

/// <summary>
/// Which tensors can exist: PyTorch computes a tensor's storage size as elements x element size in a signed 64-bit
/// integer and raises "Storage size calculation overflowed" beyond it. Sizes here are float32 (4 bytes), as the
/// checked models run. Counts are exact (arbitrary precision), so a size that overflows a long is still named.
/// </summary>
public static class TensorLimits
{
    /// <summary>Bytes of one float32 element.</summary>
    public const int ElementBytes = 4;

    /// <summary>The most elements a float32 tensor can have: long.MaxValue / 4.</summary>
    public const long MaxElements = long.MaxValue / ElementBytes;

    /// <summary>The product of the known dimensions (symbolic ones count as 1, their smallest non-empty size).</summary>
    public static BigInteger KnownElements(Shape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var product = BigInteger.One;
        foreach (var d in shape)
        {
            if (d.IsKnown)
            {
                product *= d.Value;
            }
        }

        return product;
    }

    /// <summary>True when a float32 tensor of this shape (any non-empty value of its symbols) cannot be allocated.</summary>
    public static bool CannotExist(Shape shape) => KnownElements(shape) > MaxElements;

    /// <summary>PyTorch's message for such a shape.</summary>
    public static string TorchMessage(Shape shape) => $"Storage size calculation overflowed with sizes={shape.ToTorchString()}";

    /// <summary>The sum of <paramref name="values"/>, or null when any is unknown or the sum overflows a long.</summary>
    public static long? SumOrNull(IEnumerable<long?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        long total = 0;
        foreach (var v in values)
        {
            if (v is not { } value || (value > 0 && total > long.MaxValue - value))
            {
                return null;
            }

            total += value;
        }

        return total;
    }

    /// <summary><paramref name="a"/> x <paramref name="b"/>, or null when either is unknown or the product overflows a long.</summary>
    public static long? TimesOrNull(long? a, long? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return null;
        }

        var product = (BigInteger)x * y;
        return product > long.MaxValue || product < long.MinValue ? null : (long)product;
    }
}
