using ShapeSafe.Python.Binding.Values;

namespace ShapeSafe.Python.Binding.Torch;

/// <summary>
/// The constructor arguments of the nn modules the layer registry has no rule for (Embedding, LSTM, GRU, RNN,
/// TransformerEncoderLayer, TransformerEncoder, MultiheadAttention), bound to PyTorch's signatures by name, as plain values
/// for <see cref="Dataflow.ModuleInfo.Settings"/>: long, double, bool, string, null for None, and a
/// <see cref="Dataflow.ModuleInfo"/> for a module argument. An argument whose value is not known is left out and named in
/// <see cref="Dataflow.ModuleInfo.UnknownSettings"/>; an omitted argument is left out (PyTorch's default applies).
/// </summary>
public static class OpaqueSettings
{
    private static readonly string[] Recurrent = ["input_size", "hidden_size", "num_layers", "bias", "batch_first", "dropout", "bidirectional"];

    private static readonly Dictionary<string, string[]> Signatures = new(StringComparer.Ordinal)
    {
        ["Embedding"] = ["num_embeddings", "embedding_dim", "padding_idx", "max_norm", "norm_type", "scale_grad_by_freq", "sparse"],
        ["LSTM"] = Recurrent,
        ["GRU"] = Recurrent,
        ["RNN"] = Recurrent,
        ["TransformerEncoderLayer"] = ["d_model", "nhead", "dim_feedforward", "dropout", "activation", "layer_norm_eps", "batch_first", "norm_first"],
        ["TransformerEncoder"] = ["encoder_layer", "num_layers", "norm", "enable_nested_tensor"],
        ["MultiheadAttention"] = ["embed_dim", "num_heads", "dropout", "bias", "add_bias_kv", "add_zero_attn", "kdim", "vdim", "batch_first"],
    };

    /// <summary>Keyword-only arguments of the recurrent layers (nonlinearity for RNN, proj_size for LSTM).</summary>
    private static readonly string[] KeywordOnly = ["nonlinearity", "proj_size"];

    /// <summary>The known arguments of a module of type <paramref name="type"/> and the names of those given but not known; empty for other types.</summary>
    public static (IReadOnlyDictionary<string, object?> Known, IReadOnlyList<string> Unknown) Of(string type, CallArgs args)
    {
        if (!Signatures.TryGetValue(type, out var names))
        {
            return (new Dictionary<string, object?>(), []);
        }

        var known = new Dictionary<string, object?>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (name, position) in names.Select((n, i) => (n, i)).Concat(KeywordOnly.Select(n => (n, -1))))
        {
            if (args.Get(position, name) is not { } value)
            {
                continue;
            }

            if (Plain(value) is (true, var plain))
            {
                known[name] = plain;
            }
            else
            {
                unknown.Add(name);
            }
        }

        if (args.HasUnknownSpread || args.Positional.Length > names.Length)
        {
            unknown.Add("*args");
        }

        return (known, unknown);
    }

    private static (bool Known, object? Value) Plain(PyValue value) => value switch
    {
        PyNone => (true, null),
        PyBool b => (true, b.Value),
        PyInt when PyNumbers.ToLong(value) is { } l => (true, l),
        PyFloat f => (true, f.Value),
        PyStr s => (true, s.Value),
        PyModule m => (true, m.Info),
        PyBuiltin f when f.Name is "torch.nn.functional.relu" or "torch.relu" => (true, "relu"),
        PyBuiltin f when f.Name is "torch.nn.functional.gelu" => (true, "gelu"),
        _ => (false, null),
    };
}
