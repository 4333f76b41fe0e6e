using ShapeSafe.Diagnostics;

namespace ShapeSafe.Layers;

/// <summary>
/// PyTorch's dimension wrapping (<c>maybe_wrap_dim</c>): a dim may be negative and counts from the
/// end; a 0-dim tensor takes dims as if it had one dimension.
/// </summary>
public static class DimIndex
{
    /// <summary>The smallest and largest dim PyTorch accepts for a tensor of <paramref name="rank"/>.</summary>
    public static (long Min, long Max) Range(int rank)
    {
        var n = Math.Max(rank, 1);
        return (-n, n - 1);
    }

    /// <summary>Wraps <paramref name="dim"/> into [0, max(rank, 1)); false when it is out of range.</summary>
    public static bool TryWrap(long dim, int rank, out int wrapped)
    {
        var (min, max) = Range(rank);
        if (dim < min || dim > max)
        {
            wrapped = -1;
            return false;
        }

        wrapped = (int)(dim < 0 ? dim + Math.Max(rank, 1) : dim);
        return true;
    }

    /// <summary>PyTorch's own text: "Dimension out of range (expected to be in range of [-1, 0], but got 1)".</summary>
    public static string PyTorchMessage(long dim, int rank)
    {
        var (min, max) = Range(rank);
        return $"IndexError: Dimension out of range (expected to be in range of [{min}, {max}], but got {dim})";
    }

    /// <summary>The diagnostic for a dim argument outside the input's dimensions, pointing at that argument.</summary>
    public static Diagnostic OutOfRange(LayerContext context, string parameter, long dim, int rank)
    {
        var (min, max) = Range(rank);
        return context.Error(DiagnosticCatalog.DimOutOfRange, context.SpanOf(parameter), context.Name, min, max, dim) with
        {
            Notes = [PyTorchText.RunTime(PyTorchMessage(dim, rank)), $"{parameter}={dim} is applied to an input with {rank} dimension{(rank == 1 ? string.Empty : "s")}"],
        };
    }
}
