using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Runtime.Layers;

/// <summary>
/// nn.TransformerEncoder: <c>num_layers</c> copies of its encoder layer under <c>layers.0</c>, <c>layers.1</c>, ... (deep
/// copies, as PyTorch's <c>_get_clones</c>: they start with the same weights) and the optional final <c>norm</c>; the
/// optional <c>mask</c> and <c>src_key_padding_mask</c> go to every layer.
/// </summary>
internal sealed class EncoderModule : nn.Module<Tensor, Tensor>
{
    /// <summary>The children, held in a tuple so that TorchSharp's field reflection does not register them a second time under field names.</summary>
    private readonly (EncoderLayerModule[] Layers, nn.Module<Tensor, Tensor>? Norm) _m;

    public EncoderModule(EncoderLayerModule[] layers, nn.Module<Tensor, Tensor>? norm)
        : base("TransformerEncoder")
    {
        _m = (layers, norm);
        var list = new ContainerModule("ModuleList");
        for (var i = 0; i < layers.Length; i++)
        {
            list.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), layers[i]);
        }

        register_module("layers", list);
        if (norm is not null)
        {
            register_module("norm", norm);
        }

        using var noGrad = no_grad();
        for (var i = 1; i < layers.Length; i++)
        {
            var first = layers[0].named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, p) in layers[i].named_parameters())
            {
                p.copy_(first[name]);
            }
        }
    }

    public override Tensor forward(Tensor src) => Forward(src, null, null);

    /// <summary>The encoder on <paramref name="src"/>, each layer given <paramref name="mask"/> and <paramref name="keyPaddingMask"/> (either may be null).</summary>
    public Tensor Forward(Tensor src, Tensor? mask, Tensor? keyPaddingMask)
    {
        var x = src;
        foreach (var layer in _m.Layers)
        {
            x = layer.Forward(x, mask, keyPaddingMask);
        }

        return _m.Norm is null ? x : _m.Norm.forward(x);
    }
}
