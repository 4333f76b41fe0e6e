namespace ShapeSafe.Python.Binding.Values;

/// <summary>A tuple; <see cref="IsSize"/> marks a <c>torch.Size</c> (what <c>x.shape</c> and <c>x.size()</c> give).</summary>
public sealed class PyTuple(PyValue[] items, bool isSize = false) : PyValue
{
    public static readonly PyTuple Empty = new([]);

    public PyValue[] Items { get; } = items;

    public bool IsSize { get; } = isSize;

    /// <summary>The graph node that produced this tuple (<c>x.size()</c>, <c>x.shape</c>); its items then read from it by <c>getitem</c>.</summary>
    public Dataflow.Node? Node { get; init; }

    /// <summary>The field names of a named tuple (<c>torch.return_types.max</c>: values, indices), read as attributes; null for a plain tuple.</summary>
    public string[]? Fields { get; init; }

    /// <summary>The (values, indices) pair that max/min/median/mode/sort/topk/kthvalue/cummax/cummin return.</summary>
    public static PyTuple ValuesAndIndices(PyValue values, PyValue indices) => new([values, indices]) { Fields = ["values", "indices"] };

    public override string TypeName => IsSize ? "Size" : "tuple";

    public override bool? Truth => Items.Length > 0;

    public override string ToString() => "(" + string.Join(", ", (IEnumerable<PyValue>)Items) + (Items.Length == 1 ? ",)" : ")");
}
