using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Layers;

/// <summary>
/// nn.TransformerEncoderLayer with PyTorch's children (<c>self_attn</c>, <c>linear1</c>, <c>dropout</c>, <c>linear2</c>,
/// <c>norm1</c>, <c>norm2</c>, <c>dropout1</c>, <c>dropout2</c>), so its state_dict keys are PyTorch's, run as PyTorch's
/// <c>forward</c> (post-norm, or pre-norm for <c>norm_first=True</c>), with the optional <c>src_mask</c> and
/// <c>src_key_padding_mask</c> passed to its self-attention as <c>attn_mask</c> and <c>key_padding_mask</c>.
/// </summary>
internal sealed class EncoderLayerModule : nn.Module<Tensor, Tensor>
{
    /// <summary>The children, held in a tuple so that TorchSharp's field reflection does not register them a second time under field names.</summary>
    private readonly (AttentionModule Attention, TorchSharp.Modules.Linear Linear1, TorchSharp.Modules.Linear Linear2, TorchSharp.Modules.LayerNorm Norm1, TorchSharp.Modules.LayerNorm Norm2, TorchSharp.Modules.Dropout Dropout, TorchSharp.Modules.Dropout Dropout1, TorchSharp.Modules.Dropout Dropout2) _m;
    private readonly bool _normFirst;
    private readonly bool _gelu;

    private EncoderLayerModule(LayerSettings s)
        : base("TransformerEncoderLayer")
    {
        var model = s.Long("d_model");
        var feedForward = s.Long("dim_feedforward", 2048);
        var dropout = s.Double("dropout", 0.1);
        var eps = s.Double("layer_norm_eps", 1e-5);
        _normFirst = s.Bool("norm_first", false);
        _gelu = s.String("activation", "relu") switch
        {
            "relu" => false,
            "gelu" => true,
            var other => throw new GraphBuildException($"{s.Label}: activation should be relu/gelu, not {other}"),
        };
        var attention = AttentionModule.Create(new LayerSettings(new Dataflow.ModuleInfo(s.Info.QualifiedName + ".self_attn", "MultiheadAttention", null)
        {
            Settings = new Dictionary<string, object?> { ["embed_dim"] = model, ["num_heads"] = s.Long("nhead"), ["dropout"] = dropout, ["batch_first"] = s.Bool("batch_first", false) },
        }));
        _m = (attention, nn.Linear(model, feedForward), nn.Linear(feedForward, model), nn.LayerNorm([model], eps), nn.LayerNorm([model], eps), nn.Dropout(dropout), nn.Dropout(dropout), nn.Dropout(dropout));
        register_module("self_attn", _m.Attention);
        register_module("linear1", _m.Linear1);
        register_module("dropout", _m.Dropout);
        register_module("linear2", _m.Linear2);
        register_module("norm1", _m.Norm1);
        register_module("norm2", _m.Norm2);
        register_module("dropout1", _m.Dropout1);
        register_module("dropout2", _m.Dropout2);
    }

    public static EncoderLayerModule Create(LayerSettings s) => new(s);

    public override Tensor forward(Tensor src) => Forward(src, null, null);

    /// <summary>The layer on <paramref name="src"/> with its self-attention's <c>attn_mask</c> and <c>key_padding_mask</c> (either may be null).</summary>
    public Tensor Forward(Tensor src, Tensor? mask, Tensor? keyPaddingMask)
    {
        if (_normFirst)
        {
            var x = src + SelfAttention(_m.Norm1.forward(src), mask, keyPaddingMask);
            return x + FeedForward(_m.Norm2.forward(x));
        }

        var y = _m.Norm1.forward(src + SelfAttention(src, mask, keyPaddingMask));
        return _m.Norm2.forward(y + FeedForward(y));
    }

    private Tensor SelfAttention(Tensor x, Tensor? mask, Tensor? keyPaddingMask) =>
        _m.Dropout1.forward(_m.Attention.Attend(x, x, x, needWeights: false, average: true, why => new GraphRunException("TransformerEncoderLayer: " + why), keyPaddingMask, mask).Output);

    private Tensor FeedForward(Tensor x)
    {
        var hidden = _m.Linear1.forward(x);
        hidden = _gelu ? nn.functional.gelu(hidden) : nn.functional.relu(hidden);
        return _m.Dropout2.forward(_m.Linear2.forward(_m.Dropout.forward(hidden)));
    }
}
