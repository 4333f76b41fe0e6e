using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// Tensor creation: randn/rand/zeros/ones/empty/full (sizes as varargs or one tuple, given here as a list), eye,
/// arange, linspace/logspace, the *_like family, and torch.tensor of a nested list.
/// </summary>
public static class Factories
{
    /// <summary><c>torch.zeros(*sizes)</c> and its kin: every size non-negative.</summary>
    public static OpResult Create(IReadOnlyList<Dim> sizes, string op = "zeros")
    {
        foreach (var s in sizes)
        {
            if (s.IsKnown && s.Value < 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidShape,
                    $"Trying to create tensor with negative dimension {s.Value}: {OpDims.List(sizes)}", op, OpDims.List(sizes), $"dimension {s.Value} is negative"));
            }
        }

        var dims = new Dim[sizes.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            dims[i] = sizes[i];
        }

        return OpResult.Ok(new Shape(dims));
    }

    /// <summary><c>torch.zeros_like(x)</c>, ones_like, rand_like, randn_like, empty_like, full_like: x's shape.</summary>
    public static OpResult Like(Shape input) => OpResult.Ok(input);

    /// <summary><c>torch.eye(n, m)</c>: an n x m matrix (m defaults to n).</summary>
    public static OpResult Eye(Dim n, Dim? m = null)
    {
        if (n.IsKnown && n.Value < 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"n must be greater or equal to 0, got {n.Value}", "eye", "n", $"must be non-negative, but got {n.Value}"));
        }

        var cols = m ?? n;
        if (cols.IsKnown && cols.Value < 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, $"m must be greater or equal to 0, got {cols.Value}", "eye", "m", $"must be non-negative, but got {cols.Value}"));
        }

        return OpResult.Ok(new Shape(n, cols));
    }

    /// <summary><c>torch.arange(start, end, step)</c>: ceil((end - start) / step) elements, computed in double as PyTorch does.</summary>
    public static OpResult Arange(double start, double end, double step = 1)
    {
        const string op = "arange";
        if (step == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "step must be nonzero", op, "step", "must be nonzero"));
        }

        if ((step > 0 && start > end) || (step < 0 && start < end))
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "upper bound and larger bound inconsistent with step sign",
                op, "step", $"has the wrong sign to go from {start} to {end}"));
        }

        return OpResult.Ok(new Shape(Dim.Known((long)Math.Ceiling((end - start) / step))));
    }

    /// <summary><c>torch.arange(end)</c> with an integer end that may be symbolic (<c>torch.arange(x.size(1))</c>).</summary>
    public static OpResult Arange(Dim end) =>
        end.IsKnown ? Arange(0, end.Value) : OpResult.Ok(new Shape(end));

    /// <summary><c>torch.linspace(start, end, steps)</c> / logspace: <paramref name="steps"/> elements.</summary>
    public static OpResult Linspace(Dim steps, string op = "linspace")
    {
        if (steps.IsKnown && steps.Value < 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "number of steps must be non-negative", op, "steps", $"must be non-negative, but got {steps.Value}"));
        }

        return OpResult.Ok(new Shape(steps));
    }

    /// <summary>
    /// <c>torch.tensor(data)</c>: the shape of a nested list, where a list is an <see cref="IReadOnlyList{T}"/> of
    /// object and anything else a scalar. The sizes follow the first element at each depth, as PyTorch reads them;
    /// a ragged list fails.
    /// </summary>
    public static OpResult FromData(object? data)
    {
        const string op = "tensor";
        var sizes = new List<Dim>();
        var node = data;
        while (node is IReadOnlyList<object?> list)
        {
            sizes.Add(Dim.Known(list.Count));
            if (list.Count == 0)
            {
                break;
            }

            node = list[0];
        }

        var error = Check(data, 0, sizes);
        return error is null ? OpResult.Ok(new Shape(sizes)) : OpResult.Fail(error);

        static OpError? Check(object? node, int depth, List<Dim> sizes)
        {
            if (depth == sizes.Count)
            {
                return node is IReadOnlyList<object?>
                    ? OpError.Of(DiagnosticCatalog.OpRaggedList, "'list' object cannot be interpreted as an integer", op, 0, depth, "a list where a number was expected")
                    : null;
            }

            if (node is not IReadOnlyList<object?> list)
            {
                return OpError.Of(DiagnosticCatalog.OpRaggedList, "not a sequence", op, sizes[depth], depth, "a number");
            }

            if (list.Count != sizes[depth].Value)
            {
                return OpError.Of(DiagnosticCatalog.OpRaggedList, $"expected sequence of length {sizes[depth]} at dim {depth} (got {list.Count})",
                    op, sizes[depth], depth, list.Count);
            }

            foreach (var item in list)
            {
                if (Check(item, depth + 1, sizes) is { } error)
                {
                    return error;
                }
            }

            return null;
        }
    }
}
