using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// view/reshape (with one inferred -1), view_as/reshape_as, flatten and unflatten: the same elements under another
/// shape. With a symbolic element count the inferred size is the exact quotient (Nx8192 viewed as (-1, 2048) is
/// (4*N)x2048); a check that symbols leave open is assumed to pass.
/// </summary>
public static class Views
{
    /// <summary><c>x.view(*sizes)</c>; sizes may be symbolic (<c>x.size(0)</c>) and one may be -1.</summary>
    public static OpResult View(Shape input, IReadOnlyList<Dim> sizes, string op = "view") => Infer(input, sizes, op, null);

    /// <summary><c>x.reshape(*sizes)</c>: the same rule as view (a copy is made when strides do not allow a view).</summary>
    public static OpResult Reshape(Shape input, IReadOnlyList<Dim> sizes) => Infer(input, sizes, "reshape", null);

    /// <summary><c>x.view_as(other)</c>.</summary>
    public static OpResult ViewAs(Shape input, Shape other) => Infer(input, other.ToArray(), "view_as", null);

    /// <summary><c>x.reshape_as(other)</c>.</summary>
    public static OpResult ReshapeAs(Shape input, Shape other) => Infer(input, other.ToArray(), "reshape_as", null);

    /// <summary><c>torch.flatten(x, start_dim, end_dim)</c>: a 0-d tensor becomes 1-D.</summary>
    public static OpResult Flatten(Shape input, long startDim = 0, long endDim = -1)
    {
        const string op = "flatten";
        if (!OpDims.TryWrap(op, startDim, input.Rank, out var start, out var error)
            || !OpDims.TryWrap(op, endDim, input.Rank, out var end, out error))
        {
            return OpResult.Fail(error!);
        }

        if (start > end)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "flatten() has invalid args: start_dim cannot come after end_dim",
                op, "start_dim", $"({startDim}, dimension {start}) cannot come after end_dim ({endDim}, dimension {end})"));
        }

        if (input.Rank == 0)
        {
            return OpResult.Ok(new Shape(Dim.Known(1)));
        }

        if (start == end)
        {
            return OpResult.Ok(input);
        }

        var dims = new Dim[input.Rank - (end - start)];
        for (var i = 0; i < start; i++)
        {
            dims[i] = input[i];
        }

        dims[start] = input.Product(start, end + 1);
        for (var i = end + 1; i < input.Rank; i++)
        {
            dims[i - (end - start)] = input[i];
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary><c>x.unflatten(dim, sizes)</c>: dimension <paramref name="dim"/> split into <paramref name="sizes"/> (one may be -1).</summary>
    public static OpResult Unflatten(Shape input, long dim, IReadOnlyList<Dim> sizes)
    {
        const string op = "unflatten";
        if (!OpDims.TryWrap(op, dim, input.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        if (input.Rank == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "Dimension specified as 0 but tensor has no dimensions",
                op, "dim", $"cannot be {dim} for a 0-d tensor, which has no dimensions"));
        }

        if (sizes.Count == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "unflatten: sizes must be non-empty", op, "sizes", "must be non-empty"));
        }

        var inner = Infer(new Shape(input[d]), sizes, op, d);
        if (inner.Failed)
        {
            return inner;
        }

        var dims = new Dim[input.Rank - 1 + sizes.Count];
        var j = 0;
        for (var i = 0; i < input.Rank; i++)
        {
            if (i != d)
            {
                dims[j++] = input[i];
                continue;
            }

            foreach (var s in inner.Output!)
            {
                dims[j++] = s;
            }
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary>ATen's <c>infer_size</c>: replaces the one -1 by the element count over the other sizes' product.</summary>
    private static OpResult Infer(Shape input, IReadOnlyList<Dim> sizes, string op, int? unflattenDim)
    {
        var numel = OpDims.Numel(input);
        var product = Dim.Known(1);
        var inferAt = -1;
        for (var i = 0; i < sizes.Count; i++)
        {
            var s = sizes[i];
            if (OpDims.Is(s, -1))
            {
                if (inferAt >= 0)
                {
                    return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidShape,
                        unflattenDim is null ? "only one dimension can be inferred" : "unflatten got an unexpected error:",
                        op, OpDims.List(sizes), "only one dimension can be inferred"));
                }

                inferAt = i;
                continue;
            }

            if (s.IsKnown && s.Value < -1)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidShape, $"invalid shape dimension {s.Value}",
                    op, OpDims.List(sizes), $"invalid shape dimension {s.Value}"));
            }

            try
            {
                product *= s;
            }
            catch (OverflowException)
            {
                // ATen multiplies in int64 without a check; a product beyond 64 bits cannot equal the element count.
                return OpResult.Fail(SizeMismatch(op, sizes, numel, unflattenDim));
            }
        }

        var dims = new Dim[sizes.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = sizes[i];
        }

        if (inferAt < 0)
        {
            if (OpDims.Differ(numel, product))
            {
                return OpResult.Fail(SizeMismatch(op, sizes, numel, unflattenDim));
            }

            return OpResult.Ok(new Shape(dims));
        }

        if (OpDims.Is(product, 0))
        {
            return OpResult.Fail(OpDims.Is(numel, 0)
                ? OpError.Of(DiagnosticCatalog.OpInvalidShape,
                    $"cannot reshape tensor of 0 elements into shape {OpDims.List(sizes)} because the unspecified dimension size -1 can be any value and is ambiguous",
                    op, OpDims.List(sizes), "the -1 is ambiguous for a tensor of 0 elements")
                : SizeMismatch(op, sizes, numel, unflattenDim));
        }

        var quotient = Dim.DivideExact(numel, product);
        if (quotient is null)
        {
            var divisible = product.IsKnown ? numel.IsDivisibleBy(product.Value) : null;
            if ((numel.IsKnown && product.IsKnown) || divisible == false)
            {
                return OpResult.Fail(SizeMismatch(op, sizes, numel, unflattenDim));
            }

            // Undecided (N*3 by 2): assume it divides, as PyTorch would need it to; the floor is then the quotient.
            quotient = Dim.FloorDiv(numel, product);
        }

        dims[inferAt] = quotient.Value;
        return OpResult.Ok(new Shape(dims));
    }

    private static OpError SizeMismatch(string op, IReadOnlyList<Dim> sizes, Dim numel, int? unflattenDim) =>
        OpError.Of(DiagnosticCatalog.OpViewSize,
            unflattenDim is { } d
                ? $"unflatten: Provided sizes {OpDims.List(sizes)} don't multiply up to the size of dim {d} ({numel}) in the input tensor"
                : $"shape '{OpDims.List(sizes)}' is invalid for input of size {numel}",
            op, OpDims.List(sizes), numel);
}
