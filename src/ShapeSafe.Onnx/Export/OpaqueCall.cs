using ShapeSafe.Dataflow;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// The resolved arguments of one call of a layer mapped from its settings (<c>self.rnn(x, (h0, c0))</c>,
/// <c>self.attn(q, k, v, key_padding_mask=m)</c>): by position or keyword, with a refusal that names an argument the
/// mapping does not handle instead of dropping it.
/// </summary>
internal sealed class OpaqueCall(Node node, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
{
    /// <summary>The call, for messages.</summary>
    public Node Node => node;

    /// <summary>Argument <paramref name="index"/>, else the keyword <paramref name="name"/>; null when absent or None.</summary>
    public object? Get(int index, string name) =>
        index >= 0 && index < args.Count ? args[index] : kwargs.TryGetValue(name, out var v) ? v : null;

    /// <summary>The ONNX value of a tensor argument.</summary>
    public string Tensor(int index, string name) =>
        Get(index, name) is TensorRef t ? t.Name : throw new UnmappableException(node, $"its argument {name} is not a tensor the exporter follows");

    /// <summary>The ONNX value of an optional tensor argument; null when absent or None.</summary>
    public string? OptionalTensor(int index, string name) => Get(index, name) switch
    {
        null => null,
        TensorRef t => t.Name,
        var v => throw new UnmappableException(node, $"its argument {name}={v} is not a tensor the exporter follows"),
    };

    /// <summary>A bool argument (absent or None: <paramref name="fallback"/>).</summary>
    public bool Bool(int index, string name, bool fallback) => Get(index, name) switch
    {
        null => fallback,
        bool b => b,
        long l => l != 0,
        var v => throw new UnmappableException(node, $"{name}={v} is not a bool the exporter knows"),
    };

    /// <summary>Refuses an argument beyond <paramref name="names"/> (PyTorch's order), by position or keyword.</summary>
    public void Only(params string[] names)
    {
        if (args.Count > names.Length)
        {
            throw new UnmappableException(node, $"the call passes {args.Count} positional arguments; the exporter maps {string.Join(", ", names)}");
        }

        foreach (var key in kwargs.Keys)
        {
            if (Array.IndexOf(names, key) < 0)
            {
                throw new UnmappableException(node, $"the argument {key} is not mapped to ONNX");
            }
        }
    }

    /// <summary>The node of argument <paramref name="index"/> (or keyword <paramref name="name"/>) in the graph, for its checked shape.</summary>
    public Node? SourceOf(int index, string name) =>
        index < node.Args.Count ? (node.Args[index] as NodeRefArg)?.Node
        : node.Kwargs.FirstOrDefault(k => k.Key == name).Value is NodeRefArg r ? r.Node : null;
}
