using System.Globalization;
using System.Text;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// Shared pieces of the op rules: dim wrapping with PyTorch's message, three-valued comparisons of dims (null when a
/// symbolic dim leaves it undecided: the rules then assume the check passes), and sizes written as PyTorch prints them.
/// </summary>
internal static class OpDims
{
    /// <summary>Wraps a possibly negative dim as PyTorch does (0-d tensors take [-1, 0]); the error quotes PyTorch.</summary>
    public static bool TryWrap(string op, long dim, int rank, out int wrapped, out OpError? error)
    {
        if (DimIndex.TryWrap(dim, rank, out wrapped))
        {
            error = null;
            return true;
        }

        error = OutOfRange(op, dim, rank);
        return false;
    }

    /// <summary>Dimension out of range for a tensor of <paramref name="rank"/> (PyTorch's range is [-max(rank,1), max(rank,1)-1]).</summary>
    public static OpError OutOfRange(string op, long dim, int rank)
    {
        var (min, max) = DimIndex.Range(rank);
        return OpError.Of(DiagnosticCatalog.OpDimOutOfRange,
            $"Dimension out of range (expected to be in range of [{min}, {max}], but got {dim})", op, min, max, dim);
    }

    /// <summary>True or false when decidable for every value of the symbols, null when a symbolic dim leaves it open.</summary>
    public static bool? Equal(Dim a, Dim b) => a.TryEquals(b);

    /// <summary>True when the dim is known to be <paramref name="value"/>.</summary>
    public static bool Is(Dim d, long value) => d.IsKnown && d.Value == value;

    /// <summary>True only when the two are certainly different.</summary>
    public static bool Differ(Dim a, Dim b) => a.TryEquals(b) == false;

    public static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    public static long CeilDiv(long a, long b) => -FloorDiv(-a, b);

    /// <summary>The element count of a shape (1 for a 0-d tensor).</summary>
    public static Dim Numel(Shape s) => s.Product();

    /// <summary>True when the shape certainly has no elements.</summary>
    public static bool IsEmpty(Shape s)
    {
        for (var i = 0; i < s.Rank; i++)
        {
            if (Is(s[i], 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sizes as PyTorch prints an IntArrayRef: <c>[2, -1]</c>.</summary>
    public static string List(IReadOnlyList<Dim> sizes)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < sizes.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(sizes[i].ToString());
        }

        return sb.Append(']').ToString();
    }

    /// <summary>Integers as PyTorch prints an IntArrayRef: <c>[0, 1]</c>.</summary>
    public static string List(IReadOnlyList<long> values)
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(values[i].ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(']').ToString();
    }

    /// <summary>A matrix's sizes as mm prints them: <c>128x29040</c>.</summary>
    public static string Matrix(Dim rows, Dim cols) => $"{rows}x{cols}";

    /// <summary>A shape with one more dimension at <paramref name="index"/>.</summary>
    public static Shape Insert(Shape s, int index, Dim d)
    {
        var dims = new Dim[s.Rank + 1];
        for (int i = 0, j = 0; i < dims.Length; i++)
        {
            dims[i] = i == index ? d : s[j++];
        }

        return new Shape(dims);
    }

    /// <summary>A shape without the dimension at <paramref name="index"/>.</summary>
    public static Shape Remove(Shape s, int index)
    {
        var dims = new Dim[s.Rank - 1];
        for (int i = 0, j = 0; i < s.Rank; i++)
        {
            if (i != index)
            {
                dims[j++] = s[i];
            }
        }

        return new Shape(dims);
    }

    public static Shape Scalar { get; } = new();
}
