using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary><c>x.numel()</c>, <c>x.size(dim)</c> / <c>x.shape[dim]</c>, and <c>x.dim()</c> / <c>x.ndim</c> as sizes.</summary>
public static class Sizes
{
    /// <summary><c>x.numel()</c>: the product of the sizes (1 for a 0-d tensor).</summary>
    public static OpResult Numel(Shape input) => OpResult.OfSize(OpDims.Numel(input));

    /// <summary><c>x.size(dim)</c>: the size of one dim (negative dims count from the end).</summary>
    public static OpResult Size(Shape input, long dim)
    {
        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"Dimension specified as {dim} but tensor has no dimensions",
                "size", "dim", $"cannot be {dim} for a 0-d tensor, which has no dimensions"));
        }

        return OpDims.TryWrap("size", dim, input.Rank, out var d, out var error) ? OpResult.OfSize(input[d]) : OpResult.Fail(error!);
    }

    /// <summary><c>x.dim()</c> / <c>x.ndim</c>.</summary>
    public static OpResult Rank(Shape input) => OpResult.OfSize(Dim.Known(input.Rank));
}
