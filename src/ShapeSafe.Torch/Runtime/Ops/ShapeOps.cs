using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Ops;

/// <summary>Ops that move or regroup elements: view/reshape/flatten/permute/transpose/squeeze/unsqueeze, cat/stack, split/chunk, expand/repeat.</summary>
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
    ];

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
