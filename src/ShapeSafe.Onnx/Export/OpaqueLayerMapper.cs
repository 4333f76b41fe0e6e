using ShapeSafe.Dataflow;
using static ShapeSafe.Onnx.Export.OnnxGraphBuilder;

namespace ShapeSafe.Onnx.Export;

/// <summary>
/// The ONNX nodes for one call of a layer the checker has no shape rule for but the runtime builds from its constructor
/// settings (<see cref="ModuleInfo.Settings"/>): nn.Embedding, nn.LSTM, nn.GRU, nn.RNN, nn.MultiheadAttention, nn.TransformerEncoderLayer and nn.TransformerEncoder, in eval mode, with its state_dict weights.
/// </summary>
internal static class OpaqueLayerMapper
{
    /// <summary>The layer types (PyTorch class names) mapped from their settings.</summary>
    public static readonly IReadOnlyList<string> Types = ["Embedding", "LSTM", "GRU", "RNN", "MultiheadAttention", "TransformerEncoderLayer", "TransformerEncoder"];

    /// <summary>The ONNX value(s) of the call: one per item of the layer's result.</summary>
    public static string[] Map(OnnxGraphBuilder b, Node node, ModuleInfo m, OpaqueCall call)
    {
        var prefix = m.QualifiedName.Length == 0 ? string.Empty : m.QualifiedName + ".";
        string W(string name) => b.Weight(prefix + name).Name;
        switch (m.Type)
        {
            case "Embedding":
            {
                if (m.Settings.TryGetValue("max_norm", out var maxNorm) && maxNorm is not null)
                {
                    throw new UnmappableException(node, "Embedding with max_norm renormalizes its weight rows in place on every call");
                }

                call.Only("input");

                // padding_idx only changes the gradient: in eval mode the lookup is a Gather of the weight's rows.
                return [b.Op("Gather", [W("weight"), call.Tensor(0, "input")], Int("axis", 0))];
            }

            case "LSTM" or "GRU" or "RNN":
                return RecurrentMapper.Map(b, node, m, call);

            case "MultiheadAttention" or "TransformerEncoderLayer" or "TransformerEncoder":
                return AttentionMapper.Map(b, node, m, call);

            default:
                throw new UnmappableException(node, $"the layer {m.Type} has no ONNX mapping in ShapeSafe");
        }
    }
}
