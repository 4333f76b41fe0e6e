using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// Ops that add, drop or reorder dimensions without changing the elements: squeeze, unsqueeze, transpose/swapaxes,
/// t, permute and movedim.
/// </summary>
public static class DimensionOps
{
    /// <summary>
    /// <c>x.squeeze()</c> (null dims: every dim of size 1), <c>x.squeeze(d)</c> or <c>x.squeeze((d0, d1))</c> as in
    /// PyTorch 2.x: a named dim whose size is not 1 is left alone. A symbolic dim is assumed not to be 1.
    /// </summary>
    public static OpResult Squeeze(Shape input, IReadOnlyList<long>? dims = null)
    {
        var drop = new bool[Math.Max(input.Rank, 1)];
        if (dims is null)
        {
            for (var i = 0; i < input.Rank; i++)
            {
                drop[i] = OpDims.Is(input[i], 1);
            }
        }
        else
        {
            foreach (var dim in dims)
            {
                if (!OpDims.TryWrap("squeeze", dim, input.Rank, out var d, out var error))
                {
                    return OpResult.Fail(error!);
                }

                if (input.Rank > 0 && OpDims.Is(input[d], 1))
                {
                    drop[d] = true;
                }
            }
        }

        var kept = new List<Dim>(input.Rank);
        for (var i = 0; i < input.Rank; i++)
        {
            if (!drop[i])
            {
                kept.Add(input[i]);
            }
        }

        return OpResult.Ok(kept.Count == input.Rank ? input : new Shape(kept));
    }

    /// <summary><c>x.unsqueeze(dim)</c>: a new size-1 dim; dim ranges over [-rank-1, rank].</summary>
    public static OpResult Unsqueeze(Shape input, long dim)
    {
        if (!OpDims.TryWrap("unsqueeze", dim, input.Rank + 1, out var d, out var error))
        {
            return OpResult.Fail(error!);
        }

        return OpResult.Ok(OpDims.Insert(input, d, Dim.Known(1)));
    }

    /// <summary><c>x.transpose(dim0, dim1)</c> / <c>x.swapaxes(dim0, dim1)</c>.</summary>
    public static OpResult Transpose(Shape input, long dim0, long dim1, string op = "transpose")
    {
        if (!OpDims.TryWrap(op, dim0, input.Rank, out var a, out var error) || !OpDims.TryWrap(op, dim1, input.Rank, out var b, out error))
        {
            return OpResult.Fail(error!);
        }

        if (input.Rank == 0 || a == b)
        {
            return OpResult.Ok(input);
        }

        return OpResult.Ok(input.WithDim(a, input[b]).WithDim(b, input[a]));
    }

    /// <summary><c>x.t()</c>: at most 2-D; transposes a matrix and returns 0-D and 1-D tensors as they are.</summary>
    public static OpResult T(Shape input)
    {
        if (input.Rank > 2)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpOperandRank,
                $"t() expects a tensor with <= 2 dimensions, but self is {input.Rank}D", "t", "the input", "at most 2-D", input));
        }

        return OpResult.Ok(input.Rank == 2 ? new Shape(input[1], input[0]) : input);
    }

    /// <summary><c>x.permute(*dims)</c>: each dim of the input exactly once.</summary>
    public static OpResult Permute(Shape input, IReadOnlyList<long> dims)
    {
        const string op = "permute";
        if (dims.Count != input.Rank)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidDims,
                $"permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {input.Rank} is not equal to len(dims) = {dims.Count}",
                op, OpDims.List(dims), input, $"{dims.Count} dims given for {input.Rank} dimensions"));
        }

        var result = new Dim[input.Rank];
        var seen = new bool[Math.Max(input.Rank, 1)];
        for (var i = 0; i < dims.Count; i++)
        {
            if (!OpDims.TryWrap(op, dims[i], input.Rank, out var d, out var error))
            {
                return OpResult.Fail(error!);
            }

            if (seen[d])
            {
                return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidDims, "permute(): duplicate dims are not allowed.",
                    op, OpDims.List(dims), input, $"dimension {d} appears twice"));
            }

            seen[d] = true;
            result[i] = input[d];
        }

        return OpResult.Ok(new Shape(result));
    }

    /// <summary><c>x.movedim(source, destination)</c> (also <c>moveaxis</c>): single dims or equal-length lists.</summary>
    public static OpResult Movedim(Shape input, IReadOnlyList<long> source, IReadOnlyList<long> destination)
    {
        const string op = "movedim";
        if (source.Count != destination.Count)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidDims,
                $"movedim: Invalid source or destination dims: source ({OpDims.List(source)} dims) should contain the same number of dims as destination ({OpDims.List(destination)} dims)",
                op, OpDims.List(source), input, $"source has {source.Count} dims but destination {OpDims.List(destination)} has {destination.Count}"));
        }

        var rank = input.Rank;
        var src = new int[source.Count];
        var dst = new int[destination.Count];
        for (var i = 0; i < src.Length; i++)
        {
            if (!OpDims.TryWrap(op, source[i], rank, out src[i], out var error))
            {
                return OpResult.Fail(error!);
            }
        }

        for (var i = 0; i < dst.Length; i++)
        {
            if (!OpDims.TryWrap(op, destination[i], rank, out dst[i], out var error))
            {
                return OpResult.Fail(error!);
            }
        }

        if (Repeated(src) is { } rs)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidDims, $"movedim: repeated dim in `source` ({OpDims.List(source)})",
                op, OpDims.List(source), input, $"dimension {rs} appears twice in source"));
        }

        if (Repeated(dst) is { } rd)
        {
            return OpResult.Fail(OpError.Of(DiagnosticCatalog.OpInvalidDims, $"movedim: repeated dim in `destination` ({OpDims.List(destination)})",
                op, OpDims.List(destination), input, $"dimension {rd} appears twice in destination"));
        }

        if (rank == 0)
        {
            return OpResult.Ok(input);
        }

        var order = new int[rank];
        Array.Fill(order, -1);
        var used = new bool[rank];
        for (var i = 0; i < src.Length; i++)
        {
            order[dst[i]] = src[i];
            used[src[i]] = true;
        }

        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            if (order[i] >= 0)
            {
                continue;
            }

            while (used[next])
            {
                next++;
            }

            order[i] = next++;
        }

        var result = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            result[i] = input[order[i]];
        }

        return OpResult.Ok(new Shape(result));
    }

    private static int? Repeated(int[] dims)
    {
        for (var i = 0; i < dims.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (dims[i] == dims[j])
                {
                    return dims[i];
                }
            }
        }

        return null;
    }
}
