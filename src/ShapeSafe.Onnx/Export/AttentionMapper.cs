using ShapeSafe.Dataflow;
using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// nn.MultiheadAttention, nn.TransformerEncoderLayer and nn.TransformerEncoder composed from MatMul, Add, Reshape,
/// Transpose, Softmax and LayerNormalization, as the runtime decomposes them (F.multi_head_attention_forward with its
/// key_padding_mask and attn_mask, or an encoder's src_key_padding_mask and src_mask / mask, added to the scores; post-norm, or pre-norm for norm_first=True), in eval mode. Inside, values are batch-first [N, T, E].
/// </summary>
internal static class AttentionMapper
{
    public static string[] Map(OnnxGraphBuilder b, Node node, ModuleInfo m, OpaqueCall call)
    {
        var prefix = m.QualifiedName.Length == 0 ? string.Empty : m.QualifiedName + ".";
        var rank = CommonOps.ShapeOf(call.SourceOf(0, m.Type == "MultiheadAttention" ? "query" : "src") ?? node, node).Rank;
        if (rank != 3 && !(rank == 2 && m.Type == "MultiheadAttention"))
        {
            throw new UnmappableException(node, $"the {m.Type} runs on an unbatched {rank}-D input");
        }

        if (m.UnknownSettings.Count > 0)
        {
            throw new UnmappableException(node, $"the {m.Type}'s {string.Join(", ", m.UnknownSettings)} are not known");
        }

        switch (m.Type)
        {
            case "MultiheadAttention":
            {
                call.Only("query", "key", "value", "key_padding_mask", "need_weights", "attn_mask", "average_attn_weights", "is_causal");
                if (call.Bool(7, "is_causal", false))
                {
                    throw new UnmappableException(node, "MultiheadAttention with is_causal=True");
                }

                if (Bool(m, "add_bias_kv", false) || Bool(m, "add_zero_attn", false) || Settings(m, "kdim") is long || Settings(m, "vdim") is long)
                {
                    throw new UnmappableException(node, "MultiheadAttention with add_bias_kv, add_zero_attn, kdim or vdim");
                }

                // An unbatched [L, E] call runs as batch 1 (PyTorch 1.13 unsqueezes the batch dim, runs, squeezes the
                // output and the weights): here batch-first, with the batch axis 0 added and removed again.
                var unbatched = rank == 2;
                var batchFirst = unbatched || Bool(m, "batch_first", false);
                var (query, key, value) = (call.Tensor(0, "query"), call.Tensor(1, "key"), call.Tensor(2, "value"));
                var (q, k, v) = unbatched ? (Batch(b, query), Batch(b, key), Batch(b, value))
                    : batchFirst ? (query, key, value) : (Swap(b, query), Swap(b, key), Swap(b, value));
                var masks = Masks(b, call, rank, Long(b, m, "num_heads"), (5, "attn_mask"), (3, "key_padding_mask"));
                var (output, weights) = Attend(b, prefix, q, k, v, Long(b, m, "embed_dim"), Long(b, m, "num_heads"), Bool(m, "bias", true), call.Bool(6, "average_attn_weights", true), masks);
                return unbatched ? [Unbatch(b, output), Unbatch(b, weights)] : [batchFirst ? output : Swap(b, output), weights];
            }

            case "TransformerEncoderLayer":
                return [Encoder(b, node, m, prefix, call.Tensor(0, "src"), EncoderMasks(b, call, m, "src_mask"))];

            default:
            {
                if (Settings(m, "encoder_layer") is not ModuleInfo layer || Settings(m, "num_layers") is not long count)
                {
                    throw new UnmappableException(node, "the TransformerEncoder's encoder_layer or num_layers is not known");
                }

                ModuleInfo? norm = null;
                if (Settings(m, "norm") is ModuleInfo n)
                {
                    norm = n.Entry?.Rule.Type == "LayerNorm" ? n : throw new UnmappableException(node, $"a TransformerEncoder whose norm is {n.Type}, not LayerNorm");
                }

                var masks = EncoderMasks(b, call, layer, "mask");
                var x = call.Tensor(0, "src");
                for (var i = 0; i < count; i++)
                {
                    x = Encoder(b, node, layer, $"{prefix}layers.{i}.", x, masks);
                }

                return norm is null ? [x] : [Norm(b, $"{prefix}norm.", x, new LayerArgReader(norm, node).Double("eps", 1e-5))];
            }
        }
    }

    /// <summary>
    /// MultiheadAttention's masks as terms added to the [N, H, T, S] scores: attn_mask [T, S] or [N * H, T, S],
    /// key_padding_mask [N, S] ([S] on an unbatched 2-D query, as batch 1); a bool mask (a comparison's result) is -inf where True, a float mask is added as it is.
    /// </summary>
    private static List<string> Masks(OnnxGraphBuilder b, OpaqueCall call, int rank, long heads, (int Index, string Name) attn, (int Index, string Name) keyPadding)
    {
        var terms = new List<string>();
        string Additive(string mask) => b.IsBoolMask(mask)
            ? b.Op("Where", [b.Op("Cast", [mask], Int("to", 9)), b.Scalar(double.NegativeInfinity), b.Scalar(0)])
            : mask;
        if (call.OptionalTensor(attn.Index, attn.Name) is { } attnMask)
        {
            var shape = CommonOps.ShapeOf(call.SourceOf(attn.Index, attn.Name) ?? call.Node, call.Node);
            terms.Add(shape.Rank switch
            {
                2 => Additive(attnMask),
                3 when shape[1].IsKnown && shape[2].IsKnown => b.Op("Reshape", [Additive(attnMask), b.Longs(-1, heads, shape[1].Value, shape[2].Value)]),
                _ => throw new UnmappableException(call.Node, $"an {attn.Name} of shape {shape}"),
            });
        }

        if (call.OptionalTensor(keyPadding.Index, keyPadding.Name) is { } padding)
        {
            var maskRank = CommonOps.ShapeOf(call.SourceOf(keyPadding.Index, keyPadding.Name) ?? call.Node, call.Node).Rank;
            if (maskRank != rank - 1)
            {
                throw new UnmappableException(call.Node, $"a {keyPadding.Name} of rank {maskRank} on a {rank}-D query");
            }

            terms.Add(b.Op("Unsqueeze", [Additive(padding), rank == 2 ? b.Longs(0, 1, 2) : b.Longs(1, 2)]));
        }

        return terms;
    }

    /// <summary>
    /// An encoder call's <paramref name="mask"/> (src_mask or mask) and src_key_padding_mask as the score terms of each
    /// layer's self-attention; is_causal=True is refused (PyTorch 1.13 has no such argument).
    /// </summary>
    private static List<string> EncoderMasks(OnnxGraphBuilder b, OpaqueCall call, ModuleInfo layer, string mask)
    {
        call.Only("src", mask, "src_key_padding_mask", "is_causal");
        if (call.Bool(3, "is_causal", false))
        {
            throw new UnmappableException(call.Node, $"{call.Node.Module?.Type} with is_causal=True");
        }

        return Masks(b, call, 3, Long(b, layer, "nhead"), (1, mask), (2, "src_key_padding_mask"));
    }

    private static string Encoder(OnnxGraphBuilder b, Node node, ModuleInfo layer, string prefix, string input, IReadOnlyList<string> masks)
    {
        var model = Long(b, layer, "d_model");
        var heads = Long(b, layer, "nhead");
        var eps = Settings(layer, "layer_norm_eps") switch { double d => d, long l => l, _ => 1e-5 };
        var batchFirst = Bool(layer, "batch_first", false);
        var normFirst = Bool(layer, "norm_first", false);
        var gelu = (Settings(layer, "activation") as string ?? "relu") switch
        {
            "relu" => false,
            "gelu" => true,
            var other => throw new UnmappableException(node, $"activation={other}"),
        };
        var x = batchFirst ? input : Swap(b, input);
        string Attention(string t) => Attend(b, prefix + "self_attn.", t, t, t, model, heads, true, true, masks).Output;
        string FeedForward(string t)
        {
            var hidden = Linear(b, prefix + "linear1.", t);
            hidden = gelu ? CommonOps.Gelu(b, hidden, "none") : b.Op("Relu", [hidden]);
            return Linear(b, prefix + "linear2.", hidden);
        }

        if (normFirst)
        {
            x = b.Op("Add", [x, Attention(Norm(b, prefix + "norm1.", x, eps))]);
            x = b.Op("Add", [x, FeedForward(Norm(b, prefix + "norm2.", x, eps))]);
        }
        else
        {
            x = Norm(b, prefix + "norm1.", b.Op("Add", [x, Attention(x)]), eps);
            x = Norm(b, prefix + "norm2.", b.Op("Add", [x, FeedForward(x)]), eps);
        }

        return batchFirst ? x : Swap(b, x);
    }

    /// <summary>Attention over batch-first [N, T, E] values; the output and the weights, head-averaged [N, T, S] or per head [N, H, T, S].</summary>
    private static (string Output, string Weights) Attend(OnnxGraphBuilder b, string prefix, string query, string key, string value, long embed, long heads, bool bias, bool average, IReadOnlyList<string> masks)
    {
        if (embed <= 0 || heads <= 0 || embed % heads != 0)
        {
            throw new UnmappableException(b.Current, $"embed_dim {embed} is not divisible by num_heads {heads}");
        }

        var headDim = embed / heads;
        var w = b.WeightData(prefix + "in_proj_weight");
        var bi = bias ? b.WeightData(prefix + "in_proj_bias") : null;
        string Project(string x, int part)
        {
            // x @ W_part^T (+ b_part), with W_part the rows [part * E, (part + 1) * E) of in_proj_weight.
            var transposed = new float[embed * embed];
            for (var r = 0; r < embed; r++)
            {
                for (var c = 0; c < embed; c++)
                {
                    transposed[(c * embed) + r] = w.Data[((part * embed) + r) * embed + c];
                }
            }

            var y = b.Op("MatMul", [x, b.Floats([embed, embed], transposed)]);
            return bi is null ? y : b.Op("Add", [y, b.Floats([embed], bi.Data.Skip((int)(part * embed)).Take((int)embed).ToArray())]);
        }

        string Heads(string x, long[] perm) => b.Op("Transpose", [b.Op("Reshape", [x, b.Longs(0, 0, heads, headDim)])], Ints("perm", perm));
        var q = Heads(b.Op("Div", [Project(query, 0), b.Scalar(Math.Sqrt(headDim))]), [0, 2, 1, 3]);
        var k = Heads(Project(key, 1), [0, 2, 3, 1]);
        var v = Heads(Project(value, 2), [0, 2, 1, 3]);
        var scores = b.Op("MatMul", [q, k]);
        foreach (var mask in masks)
        {
            scores = b.Op("Add", [scores, mask]);
        }

        var attention = b.Op("Softmax", [scores], Int("axis", -1));
        var merged = b.Op("Reshape", [b.Op("Transpose", [b.Op("MatMul", [attention, v])], Ints("perm", [0, 2, 1, 3])), b.Longs(0, 0, embed)]);
        var weights = average ? b.Op("ReduceMean", [attention], Ints("axes", [1]), Int("keepdims", 0)) : attention;
        return (Linear(b, prefix + "out_proj.", merged), weights);
    }

    private static string Linear(OnnxGraphBuilder b, string prefix, string x)
    {
        var product = b.Op("MatMul", [x, b.Op("Transpose", [b.Weight(prefix + "weight").Name], Ints("perm", [1, 0]))]);
        return b.HasWeight(prefix + "bias") ? b.Op("Add", [product, b.Weight(prefix + "bias").Name]) : product;
    }

    private static string Norm(OnnxGraphBuilder b, string prefix, string x, double eps) =>
        b.Op("LayerNormalization", [x, b.Weight(prefix + "weight").Name, b.Weight(prefix + "bias").Name], Int("axis", -1), Float("epsilon", eps));

    private static string Batch(OnnxGraphBuilder b, string x) => b.Op("Unsqueeze", [x, b.Longs(0)]);

    private static string Unbatch(OnnxGraphBuilder b, string x) => b.Op("Squeeze", [x, b.Longs(0)]);

    private static string Swap(OnnxGraphBuilder b, string x) => b.Op("Transpose", [x], Ints("perm", [1, 0, 2]));

    private static object? Settings(ModuleInfo m, string name) => m.Settings.TryGetValue(name, out var v) ? v : null;

    private static bool Bool(ModuleInfo m, string name, bool fallback) => Settings(m, name) switch
    {
        bool f => f,
        long l => l != 0,
        _ => fallback,
    };

    private static long Long(OnnxGraphBuilder b, ModuleInfo m, string name) =>
        Settings(m, name) is long l ? l : throw new UnmappableException(b.Current, $"{m.Type}'s {name} is not known");
}
