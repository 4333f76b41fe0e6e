using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>cat (torch.concat), stack, hstack and vstack.</summary>
public static class Concatenation
{
    /// <summary>
    /// <c>torch.cat(tensors, dim)</c>: equal ranks and equal sizes outside <paramref name="dim"/>. As in PyTorch 1.13,
    /// a legacy empty tensor of shape [0] is skipped, and the dim is wrapped against the first tensor that is not.
    /// </summary>
    public static OpResult Cat(IReadOnlyList<Shape> tensors, long dim = 0, string op = "cat")
    {
        if (tensors.Count == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "torch.cat(): expected a non-empty list of Tensors",
                op, "tensors", "must be a non-empty list of tensors"));
        }

        var valid = -1;
        for (var i = 0; i < tensors.Count; i++)
        {
            if (!IsLegacyEmpty(tensors[i]))
            {
                valid = i;
                break;
            }
        }

        for (var i = 0; i < tensors.Count; i++)
        {
            if (tensors[i].Rank == 0)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank, $"zero-dimensional tensor (at position {i}) cannot be concatenated",
                    op, $"tensor {i}", "at least 1-D", tensors[i]));
            }
        }

        if (valid < 0)
        {
            return OpResult.Ok(new Shape(Dim.Known(0)));
        }

        var first = tensors[valid];
        if (!OpDims.TryWrap(op, dim, first.Rank, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        var total = first[d];
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (i == valid || IsLegacyEmpty(t))
            {
                continue;
            }

            if (t.Rank != first.Rank)
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpCatRank,
                    $"Tensors must have same number of dimensions: got {first.Rank} and {t.Rank}", op, valid, first.Rank, i, t.Rank));
            }

            for (var k = 0; k < t.Rank; k++)
            {
                if (k != d && OpDims.Differ(first[k], t[k]))
                {
                    return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpCatSize,
                        $"Sizes of tensors must match except in dimension {d}. Expected size {first[k]} but got size {t[k]} for tensor number {i} in the list.",
                        op, i, t, valid, first, $"sizes must match except in dimension {d}"));
                }
            }

            total += t[d];
        }

        return OpResult.Ok(first.WithDim(d, total));
    }

    /// <summary><c>torch.stack(tensors, dim)</c>: equal shapes, joined along a new dim (range rank+1).</summary>
    public static OpResult Stack(IReadOnlyList<Shape> tensors, long dim = 0, string op = "stack")
    {
        if (tensors.Count == 0)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidArgument, "stack expects a non-empty TensorList",
                op, "tensors", "must be a non-empty list of tensors"));
        }

        var first = tensors[0];
        if (!OpDims.TryWrap(op, dim, first.Rank + 1, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        for (var i = 1; i < tensors.Count; i++)
        {
            var t = tensors[i];
            if (t.Rank != first.Rank || AnyDiffer(first, t))
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpCatSize,
                    $"stack expects each tensor to be equal size, but got {first.ToTorchString()} at entry 0 and {t.ToTorchString()} at entry {i}",
                    op, i, t, 0, first, "stacked tensors must have the same shape"));
            }
        }

        return OpResult.Ok(OpDims.Insert(first, d, Dim.Known(tensors.Count)));
    }

    /// <summary><c>torch.hstack(tensors)</c>: cat along dim 0 for 1-D tensors (0-d ones become 1-D), else dim 1.</summary>
    public static OpResult Hstack(IReadOnlyList<Shape> tensors)
    {
        var lifted = new Shape[tensors.Count];
        for (var i = 0; i < lifted.Length; i++)
        {
            lifted[i] = tensors[i].Rank == 0 ? new Shape(Dim.Known(1)) : tensors[i];
        }

        if (lifted.Length == 0)
        {
            return Cat(lifted, 0, "hstack");
        }

        return Cat(lifted, lifted[0].Rank == 1 ? 0 : 1, "hstack");
    }

    /// <summary><c>torch.vstack(tensors)</c>: each tensor made at least 2-D ((n) becomes (1, n)), then cat along dim 0.</summary>
    public static OpResult Vstack(IReadOnlyList<Shape> tensors)
    {
        var lifted = new Shape[tensors.Count];
        for (var i = 0; i < lifted.Length; i++)
        {
            var t = tensors[i];
            lifted[i] = t.Rank switch
            {
                0 => new Shape(Dim.Known(1), Dim.Known(1)),
                1 => new Shape(Dim.Known(1), t[0]),
                _ => t,
            };
        }

        return Cat(lifted, 0, "vstack");
    }

    private static bool IsLegacyEmpty(Shape s) => s.Rank == 1 && OpDims.Is(s[0], 0);

    private static bool AnyDiffer(Shape a, Shape b)
    {
        for (var i = 0; i < a.Rank; i++)
        {
            if (OpDims.Differ(a[i], b[i]))
            {
                return true;
            }
        }

        return false;
    }
}
