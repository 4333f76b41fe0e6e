using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Arithmetic;

/// <summary>
/// Reads the per-dimension arguments of spatial layers (kernel_size, stride, padding, dilation, ...) as
/// PyTorch's _single/_pair/_triple expand them, and formats them back for messages.
/// </summary>
public static class SpatialArgs
{
    /// <summary>
    /// An int or a tuple of <paramref name="rank"/> ints. Null, with <paramref name="error"/> set, for a tuple of
    /// the wrong length or with a None item.
    /// </summary>
    public static long[]? Sizes(LayerContext context, string name, int rank, out Diagnostic? error)
    {
        var value = context.Args[name]!;
        if (value.Kind == ArgKind.Tuple && !AllInts(value.Items))
        {
            error = context.Invalid(name, $"must be an int or a tuple of {rank} ints, but got {value.ToPython()}");
            return null;
        }

        return context.Tuple(name, rank, out error);
    }

    /// <summary>The first size below <paramref name="minimum"/>, as an invalid-value diagnostic; null when all are fine.</summary>
    public static Diagnostic? AtLeast(LayerContext context, string name, long[] values, long minimum, string requirement) =>
        AnyBelow(values, minimum) ? context.Invalid(name, $"{requirement}, but got {Python(values)}") : null;

    /// <summary>True when some value is below <paramref name="minimum"/>.</summary>
    public static bool AnyBelow(long[] values, long minimum)
    {
        foreach (var v in values)
        {
            if (v < minimum)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><paramref name="rank"/> copies of <paramref name="value"/> (an int argument expanded as _pair does).</summary>
    public static long[] Filled(long value, int rank)
    {
        var values = new long[rank];
        Array.Fill(values, value);
        return values;
    }

    /// <summary>The sizes as doubles (a window's stride).</summary>
    public static double[] Doubles(long[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>A tuple as Python writes it: <c>(3, 3)</c>, or <c>(3,)</c> for one value.</summary>
    public static string Python(IReadOnlyList<long> values) =>
        "(" + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + (values.Count == 1 ? ",)" : ")");

    /// <summary>Sizes as ATen's messages join them: <c>3 x 3</c>.</summary>
    public static string Spaced(IEnumerable<string> values) => string.Join(" x ", values);

    /// <summary>Sizes joined as in shapes: <c>3x3</c>.</summary>
    public static string Joined(IEnumerable<string> values) => string.Join("x", values);

    /// <summary>Product of sizes, checked for overflow.</summary>
    public static long Product(IEnumerable<long> values)
    {
        var product = 1L;
        if (values is long[] array)
        {
            foreach (var v in array)
            {
                product = checked(product * v);
            }

            return product;
        }

        foreach (var v in values)
        {
            product = checked(product * v);
        }

        return product;
    }

    private static bool AllInts(IReadOnlyList<ArgValue> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Kind != ArgKind.Int)
            {
                return false;
            }
        }

        return true;
    }
}
