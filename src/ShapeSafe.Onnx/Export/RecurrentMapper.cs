using ShapeSafe.Dataflow;
using ShapeSafe.Onnx.Proto;
using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// nn.LSTM, nn.GRU and nn.RNN as ONNX's LSTM, GRU and RNN ops, one per stacked layer (eval mode, so no dropout between
/// layers). PyTorch's gate blocks are reordered to ONNX's (LSTM i,f,g,o → i,o,f,c; GRU r,z,n → z,r,h with
/// linear_before_reset=1), the bias is [b_ih, b_hh] per direction, and the result is PyTorch's flattened tuple:
/// output, h_n (and c_n for LSTM), with h_n stacked layer by layer as PyTorch does. An initial state (<c>h_0</c>, or
/// <c>(h_0, c_0)</c>) is sliced per layer into initial_h/initial_c; an unbatched 2-D input runs as a batch of one.
/// </summary>
internal static class RecurrentMapper
{
    public static string[] Map(OnnxGraphBuilder b, Node node, ModuleInfo m, OpaqueCall call)
    {
        var kind = m.Type;
        var s = m.Settings;
        long Long(string name, long fallback) => s.TryGetValue(name, out var v) ? v switch
        {
            long l => l,
            _ => throw new UnmappableException(node, $"{name}={v ?? "None"} is not an integer"),
        } : fallback;
        bool Bool(string name, bool fallback) => s.TryGetValue(name, out var v) ? v switch
        {
            bool f => f,
            long l => l != 0,
            _ => throw new UnmappableException(node, $"{name}={v ?? "None"} is not a bool"),
        } : fallback;

        if (m.UnknownSettings.Count > 0)
        {
            throw new UnmappableException(node, $"the {kind}'s {string.Join(", ", m.UnknownSettings)} are not known");
        }

        call.Only("input", "hx");
        string[]? state = call.Get(1, "hx") switch
        {
            null => null,
            TensorRef h when kind != "LSTM" => [h.Name],
            IReadOnlyList<object?> { Count: 2 } pair when kind == "LSTM" && pair[0] is TensorRef h && pair[1] is TensorRef c => [h.Name, c.Name],
            var v => throw new UnmappableException(node, $"the {kind}'s initial state {v} is not {(kind == "LSTM" ? "a tuple (h_0, c_0)" : "a tensor")}"),
        };

        if (Long("proj_size", 0) != 0)
        {
            throw new UnmappableException(node, "an LSTM with proj_size");
        }

        var input = CommonOps.ShapeOf(call.SourceOf(0, "input") ?? node, node);
        if (input.Rank is not (2 or 3))
        {
            throw new UnmappableException(node, $"the {kind} runs on a {input.Rank}-D input");
        }

        // An unbatched [T, H_in] input (and [L * D, H] states) runs as a batch of one at axis 1, as PyTorch does.
        var unbatched = input.Rank == 2;

        var hidden = Long("hidden_size", -1);
        var layers = Long("num_layers", 1);
        var bias = Bool("bias", true);
        var batchFirst = Bool("batch_first", false) && !unbatched;
        var directions = Bool("bidirectional", false) ? 2 : 1;
        var (op, order) = kind switch
        {
            "LSTM" => ("LSTM", new[] { 0, 3, 1, 2 }),
            "GRU" => ("GRU", new[] { 1, 0, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        var attributes = new List<AttributeProto>
        {
            Int("hidden_size", hidden),
            Str("direction", directions == 2 ? "bidirectional" : "forward"),
        };
        if (kind == "GRU")
        {
            attributes.Add(Int("linear_before_reset", 1));
        }

        if (kind == "RNN")
        {
            var activation = s.TryGetValue("nonlinearity", out var n) ? n as string : "tanh";
            var onnx = activation switch
            {
                "tanh" => "Tanh",
                "relu" => "Relu",
                _ => throw new UnmappableException(node, $"nonlinearity={activation ?? "None"}"),
            };
            var list = new AttributeProto { Name = "activations", Type = AttributeProto.Types.AttributeType.Strings };
            for (var d = 0; d < directions; d++)
            {
                list.Strings.Add(Google.Protobuf.ByteString.CopyFromUtf8(onnx));
            }

            attributes.Add(list);
        }

        var prefix = m.QualifiedName.Length == 0 ? string.Empty : m.QualifiedName + ".";
        var x = call.Tensor(0, "input");
        x = unbatched ? b.Op("Unsqueeze", [x, b.Longs(1)]) : batchFirst ? b.Op("Transpose", [x], Ints("perm", [1, 0, 2])) : x;
        state = unbatched ? state?.Select(h => b.Op("Unsqueeze", [h, b.Longs(1)])).ToArray() : state;
        var hs = new List<string>();
        var cs = new List<string>();
        for (var layer = 0; layer < layers; layer++)
        {
            var suffixes = Enumerable.Range(0, directions).Select(d => $"_l{layer}" + (d == 1 ? "_reverse" : string.Empty)).ToArray();
            var w = Stacked(b, suffixes.Select(x => prefix + "weight_ih" + x), order, hidden);
            var r = Stacked(b, suffixes.Select(x => prefix + "weight_hh" + x), order, hidden);
            var operands = new List<string> { x, w, r };
            if (bias || state is not null)
            {
                // B (zeros without bias), then sequence_lens omitted ("") before the initial state.
                operands.Add(string.Empty);
            }

            if (bias)
            {
                // ONNX's B is [Wb, Rb] per direction: the two biases of each direction, each in ONNX's gate order.
                var wb = suffixes.Select(x => Reordered(b, b.WeightData(prefix + "bias_ih" + x), order, hidden)).ToArray();
                var rb = suffixes.Select(x => Reordered(b, b.WeightData(prefix + "bias_hh" + x), order, hidden)).ToArray();
                var data = Enumerable.Range(0, directions).SelectMany(d => wb[d].Concat(rb[d])).ToArray();
                operands[3] = b.Floats([directions, data.Length / directions], data);
            }

            if (state is not null)
            {
                // PyTorch's h_0 is [num_layers * directions, N, H]: this layer's directions are rows [layer * D, (layer + 1) * D).
                operands.Add(string.Empty);
                operands.AddRange(state.Select(h => b.Op("Slice", [h, b.Longs(layer * directions), b.Longs((layer + 1) * directions), b.Longs(0)])));
            }

            var outputs = b.OpMulti(op, operands, kind == "LSTM" ? 3 : 2, [.. attributes]);
            // Y is [seq, directions, batch, hidden]; PyTorch's output is [seq, batch, directions * hidden].
            var y = b.Op("Transpose", [outputs[0]], Ints("perm", [0, 2, 1, 3]));
            x = b.Op("Reshape", [y, b.Longs(0, 0, directions * hidden)]);
            hs.Add(outputs[1]);
            if (kind == "LSTM")
            {
                cs.Add(outputs[2]);
            }
        }

        var output = batchFirst ? b.Op("Transpose", [x], Ints("perm", [1, 0, 2])) : x;
        string[] results = kind == "LSTM"
            ? [output, hs.Count == 1 ? hs[0] : b.Op("Concat", hs, Int("axis", 0)), cs.Count == 1 ? cs[0] : b.Op("Concat", cs, Int("axis", 0))]
            : [output, hs.Count == 1 ? hs[0] : b.Op("Concat", hs, Int("axis", 0))];
        return unbatched ? [.. results.Select(t => b.Op("Squeeze", [t, b.Longs(1)]))] : results;
    }

    /// <summary>The directions' weights of one layer reordered to ONNX's gates and stacked: [directions, gates * hidden, columns].</summary>
    private static string Stacked(OnnxGraphBuilder b, IEnumerable<string> keys, int[] order, long hidden)
    {
        var parts = keys.Select(k => b.WeightData(k)).ToArray();
        var data = parts.SelectMany(p => Reordered(b, p, order, hidden)).ToArray();
        return b.Floats([parts.Length, parts[0].Shape[0], parts[0].Shape.Length > 1 ? parts[0].Shape[1] : 1], data);
    }

    /// <summary>A [gates * hidden, ...] tensor's gate blocks in <paramref name="order"/> (block i of the result is block order[i] of PyTorch's).</summary>
    private static float[] Reordered(OnnxGraphBuilder b, NamedTensor t, int[] order, long hidden)
    {
        if (t.Shape.Length == 0 || t.Shape[0] != hidden * order.Length)
        {
            throw new UnmappableException(b.Current, $"a recurrent weight of shape [{string.Join(", ", t.Shape)}] is not {order.Length} gates of {hidden}");
        }

        var block = checked((int)(hidden * (t.Data.Length / t.Shape[0])));

        var result = new float[t.Data.Length];
        for (var i = 0; i < order.Length; i++)
        {
            Array.Copy(t.Data, order[i] * block, result, i * block, block);
        }

        return result;
    }
}
