using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building.Modules;

/// <summary>
/// Softmax, LogSoftmax or Softmin written without dim: PyTorch's deprecated implicit choice, made per
/// input as PyTorch's _get_softmax_dim does (dim 0 for 0-, 1- and 3-dimensional inputs, else dim 1).
/// </summary>
internal sealed class ImplicitDimSoftmax : nn.Module<Tensor, Tensor>
{
    private readonly string _kind;

    public ImplicitDimSoftmax(string kind)
        : base(kind) => _kind = kind;

    public override Tensor forward(Tensor input)
    {
        var dim = input.dim() is 0 or 1 or 3 ? 0L : 1L;
        return _kind switch
        {
            "LogSoftmax" => nn.functional.log_softmax(input, dim),
            "Softmin" => nn.functional.softmin(input, dim),
            _ => nn.functional.softmax(input, dim),
        };
    }
}
