using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>
/// Ops that move or regroup elements: view/reshape/flatten/permute/transpose/movedim/swapaxes/squeeze/unsqueeze/unflatten,
/// cat/stack/hstack/vstack, split/chunk/tensor_split, expand/repeat/tile, and the in-place shape methods (<c>t_</c>,
/// <c>transpose_</c>, <c>unsqueeze_</c>, <c>squeeze_</c>), which change the tensor they are called on and return it.
/// </summary>
internal static class ShapeOps
{
    public static IEnumerable<OpEntry> All =>
    [
        .. OpEntry.Methods(c => c.Tensor(0, "input").view(c.Longs(1, "size", varargs: true)), "view"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").reshape(c.Longs(1, "shape", varargs: true)), "reshape"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").reshape(c.Longs(1, "shape", varargs: false)), "torch.reshape"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").view(c.Tensor(1, "other").shape), "view_as"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").reshape(c.Tensor(1, "other").shape), "reshape_as"),
        .. OpEntry.Methods(Flatten, "flatten"),
        .. OpEntry.Functions(Flatten, "torch.flatten"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").permute(c.Longs(1, "dims", varargs: true)), "permute"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").permute(c.Longs(1, "dims", varargs: false)), "torch.permute"),
        .. OpEntry.Methods(Transpose, "transpose"),
        .. OpEntry.Functions(Transpose, "torch.transpose"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").t(), "t"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").permute([.. Enumerable.Range(0, (int)c.Tensor(0, "input").dim()).Reverse().Select(i => (long)i)]), "T"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").transpose(-2, -1), "mT"),
        .. OpEntry.Methods(Squeeze, "squeeze"),
        .. OpEntry.Functions(Squeeze, "torch.squeeze"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").unsqueeze(c.Long(1, "dim")), "unsqueeze"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").unsqueeze(c.Long(1, "dim")), "torch.unsqueeze"),
        .. OpEntry.Functions(c => cat([.. c.Tensors(0, "tensors")], c.Long(1, "dim", 0)), "torch.cat", "torch.concat", "torch.concatenate"),
        .. OpEntry.Functions(c => stack([.. c.Tensors(0, "tensors")], c.Long(1, "dim", 0)), "torch.stack"),
        .. OpEntry.Methods(Split, "split"),
        .. OpEntry.Functions(Split, "torch.split"),
        .. OpEntry.Methods(Chunk, "chunk"),
        .. OpEntry.Functions(Chunk, "torch.chunk"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").unbind(c.Long(1, "dim", 0)).Cast<object?>().ToList(), "unbind"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").unbind(c.Long(1, "dim", 0)).Cast<object?>().ToList(), "torch.unbind"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").expand(c.Longs(1, "size", varargs: true)), "expand"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").expand_as(c.Tensor(1, "other")), "expand_as"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").repeat(c.Longs(1, "repeats", varargs: true)), "repeat"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").contiguous(), "contiguous"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").clone(), "clone"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").detach(), "detach"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").@float(), "float"),
        .. OpEntry.Methods(MoveDim, "movedim", "moveaxis"),
        .. OpEntry.Functions(MoveDim, "torch.movedim", "torch.moveaxis"),
        .. OpEntry.Methods(SwapDims, "swapaxes", "swapdims"),
        .. OpEntry.Functions(SwapDims, "torch.swapaxes", "torch.swapdims"),
        .. OpEntry.Functions(T, "torch.t"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").tile(c.Longs(1, "dims", varargs: true)), "tile"),
        .. OpEntry.Functions(c => c.Tensor(0, "input").tile(c.Longs(1, "dims", varargs: false)), "torch.tile"),
        .. OpEntry.Methods(Unflatten, "unflatten"),
        .. OpEntry.Functions(Unflatten, "torch.unflatten"),
        .. OpEntry.Methods(TInPlace, "t_"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").transpose_(c.Long(1, "dim0"), c.Long(2, "dim1")), "transpose_"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").unsqueeze_(c.Long(1, "dim")), "unsqueeze_"),
        .. OpEntry.Methods(c => c.Tensor(0, "input").squeeze_(c.OptionalLong(1, "dim")), "squeeze_"),
        .. OpEntry.Functions(c => hstack([.. c.Tensors(0, "tensors")]), "torch.hstack"),
        .. OpEntry.Functions(c => vstack([.. c.Tensors(0, "tensors")]), "torch.vstack"),
        .. OpEntry.Methods(TensorSplit, "tensor_split"),
        .. OpEntry.Functions(TensorSplit, "torch.tensor_split"),
    ];

    /// <summary>movedim(source, destination): each an int or a tuple of ints, the same length.</summary>
    private static Tensor MoveDim(OpCall c)
    {
        var source = c.Longs(1, "source", varargs: false);
        var destination = c.Longs(2, "destination", varargs: false);
        if (source.Length != destination.Length)
        {
            throw c.Fail($"movedim: source ({source.Length} dims) and destination ({destination.Length} dims) must have the same number of dims");
        }

        return c.Tensor(0, "input").movedim(source, destination);
    }

    private static Tensor SwapDims(OpCall c) =>
        c.Tensor(0, "input").swapaxes(c.AsLong(c.Get(1, "dim0") ?? c.Get(-1, "axis0"), "dim0"), c.AsLong(c.Get(2, "dim1") ?? c.Get(-1, "axis1"), "dim1"));

    /// <summary>torch.t: a 2-D tensor transposed; a 0-D or 1-D tensor as it is.</summary>
    private static Tensor T(OpCall c)
    {
        var x = c.Tensor(0, "input");
        return x.dim() <= 2 ? x.t() : throw c.Fail("t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
    }

    /// <summary>x.t_(): transposes a 2-D tensor in place (a 0-D or 1-D one is left as it is) and returns it.</summary>
    private static Tensor TInPlace(OpCall c)
    {
        var x = c.Tensor(0, "input");
        return x.dim() switch
        {
            < 2 => x,
            2 => x.transpose_(0, 1),
            _ => throw c.Fail("t_() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D"),
        };
    }

    private static Tensor Unflatten(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var dim = c.Long(1, "dim");
        var sizes = c.Longs(2, "sizes", varargs: false);
        var at = dim < 0 ? dim + x.dim() : dim;
        if (at < 0 || at >= x.dim())
        {
            throw c.Fail($"unflatten: dimension {dim} is out of range for {OpCall.Describe(x)}");
        }

        var known = sizes.Where(s => s != -1).Aggregate(1L, (a, b) => a * b);
        var unknown = sizes.Count(s => s == -1);
        var fits = unknown == 0 ? known == x.shape[at] : unknown == 1 && known != 0 && x.shape[at] % known == 0;
        if (!fits || sizes.Any(s => s < -1))
        {
            throw c.Fail($"unflatten: sizes ({string.Join(", ", sizes)}) do not multiply to dimension {dim}'s size {x.shape[at]}");
        }

        return x.unflatten(at, sizes);
    }

    /// <summary>tensor_split(indices_or_sections, dim=0): a number of near-equal sections, or the split indices.</summary>
    private static List<object?> TensorSplit(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var how = c.Get(1, "indices_or_sections") ?? c.Get(-1, "sections") ?? c.Get(-1, "indices");
        var dim = c.Long(2, "dim", 0);
        Tensor[] pieces = how switch
        {
            long sections when sections <= 0 => throw c.Fail($"tensor_split: number of sections must be larger than 0, got {sections}"),
            long sections => x.tensor_split(sections, dim),
            Tensor t when t.dim() == 0 => x.tensor_split(t.item<long>(), dim),
            _ => x.tensor_split(c.AsLongs(how, "indices_or_sections"), dim),
        };
        return [.. pieces];
    }

    private static Tensor Flatten(OpCall c) => c.Tensor(0, "input").flatten(c.Long(1, "start_dim", 0), c.Long(2, "end_dim", -1));

    private static Tensor Transpose(OpCall c) => c.Tensor(0, "input").transpose(c.Long(1, "dim0"), c.Long(2, "dim1"));

    private static Tensor Squeeze(OpCall c) =>
        c.Get(1, "dim") is { } dim ? c.Tensor(0, "input").squeeze(c.AsLong(dim, "dim")) : c.Tensor(0, "input").squeeze();

    private static List<object?> Split(OpCall c)
    {
        var x = c.Tensor(0, "input");
        var dim = c.Long(2, "dim", 0);
        var sizes = c.Get(1, "split_size_or_sections") ?? c.Get(-1, "split_size");
        Tensor[] pieces = sizes is long size ? x.split(size, dim) : x.split(c.AsLongs(sizes, "split_size_or_sections"), dim);
        return [.. pieces];
    }

    private static List<object?> Chunk(OpCall c) => [.. c.Tensor(0, "input").chunk(c.Long(1, "chunks"), c.Long(2, "dim", 0))];
}
