using ShapeSafe.Dataflow;
using ShapeSafe.Torch.Runtime.Ops;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Layers;

/// <summary>
/// Builds the nn modules the layer registry has no rule for, from their constructor arguments
/// (<see cref="ModuleInfo.Settings"/>): Embedding, LSTM, GRU, RNN, MultiheadAttention, TransformerEncoderLayer and
/// TransformerEncoder, each with PyTorch's state_dict keys. A call through <see cref="Created.Invoke"/> takes the
/// graph's arguments and returns what PyTorch returns (a tuple as a list).
/// </summary>
internal static class OpaqueLayers
{
    /// <summary>The module types built here.</summary>
    public static IReadOnlyCollection<string> Types { get; } = ["Embedding", "LSTM", "GRU", "RNN", "MultiheadAttention", "TransformerEncoderLayer", "TransformerEncoder"];

    /// <summary>The module for <paramref name="info"/> and how a graph node calls it; <paramref name="build"/> builds a module argument (a TransformerEncoder's norm).</summary>
    public static (nn.Module Module, Op Invoke) Create(ModuleInfo info, Func<ModuleInfo, nn.Module> build)
    {
        var s = new LayerSettings(info);
        switch (info.Type)
        {
            case "Embedding":
            {
                var count = s.Long("num_embeddings");
                var padding = s.OptionalLong("padding_idx");
                if (padding is { } p && (p >= count || p < -count))
                {
                    throw new GraphBuildException($"{s.Label}: Padding_idx must be within num_embeddings");
                }

                var embedding = nn.Embedding(count, s.Long("embedding_dim"), padding is { } q && q < 0 ? q + count : padding, s.OptionalDouble("max_norm"), s.Double("norm_type", 2.0), s.Bool("scale_grad_by_freq", false), s.Bool("sparse", false));
                return (embedding, call => embedding.forward(call.Tensor(0, "input")));
            }

            case "LSTM" or "GRU" or "RNN":
                return RecurrentLayers.Create(s, info.Type);
            case "MultiheadAttention":
            {
                var attention = AttentionModule.Create(s);
                return (attention, attention.Invoke);
            }

            case "TransformerEncoderLayer":
            {
                var layer = EncoderLayerModule.Create(s);
                return (layer, call => layer.Forward(call.Tensor(0, "src"), Mask(call, 1, "src_mask"), Mask(call, 2, "src_key_padding_mask")));
            }

            case "TransformerEncoder":
            {
                var prototype = s.Module("encoder_layer") ?? throw new GraphBuildException($"{s.Label}: its encoder_layer is not a module the runtime can follow");
                if (prototype.Type != "TransformerEncoderLayer")
                {
                    throw new GraphBuildException($"{s.Label}: the runtime builds a TransformerEncoder of nn.TransformerEncoderLayer only, not {prototype.Type}");
                }

                var count = s.Long("num_layers");
                var layers = Enumerable.Range(0, (int)count).Select(_ => EncoderLayerModule.Create(new LayerSettings(prototype))).ToArray();
                var norm = s.Module("norm") is { } normInfo
                    ? build(normInfo) as nn.Module<Tensor, Tensor> ?? throw new GraphBuildException($"{s.Label}: its norm cannot be run on one tensor")
                    : null;
                var encoder = new EncoderModule(layers, norm);
                return (encoder, call => encoder.Forward(call.Tensor(0, "src"), Mask(call, 1, "mask"), Mask(call, 2, "src_key_padding_mask")));
            }

            default:
                throw new GraphBuildException($"{s.Label}: ShapeSafe does not know the module type {info.Type}, so the runtime cannot build it");
        }
    }

    /// <summary>An encoder call's optional mask argument (bool or float, as the self-attention takes it); is_causal=True is refused.</summary>
    private static Tensor? Mask(OpCall call, int index, string name)
    {
        if (call.Bool(3, "is_causal", false))
        {
            throw call.Fail("the runtime runs Transformer encoders with is_causal=False only (PyTorch 1.13 has no is_causal; pass the causal mask as the mask)");
        }

        return call.Get(index, name) is { } mask ? call.AsTensor(mask, name) : null;
    }
}
