using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building.Modules;

/// <summary>
/// A padding layer whose padding tuple is not the full 2N values TorchSharp's padding modules take
/// (PyTorch keeps such a tuple as written and F.pad applies it from the last dimension backwards).
/// </summary>
internal sealed class FunctionalPad : nn.Module<Tensor, Tensor>
{
    private readonly long[] _padding;
    private readonly PaddingModes _mode;
    private readonly double _value;

    public FunctionalPad(string type, long[] padding, PaddingModes mode, double value)
        : base(type)
    {
        _padding = padding;
        _mode = mode;
        _value = value;
    }

    public override Tensor forward(Tensor input) => nn.functional.pad(input, _padding, _mode, _value);
}
