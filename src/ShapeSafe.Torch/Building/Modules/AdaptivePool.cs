using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building.Modules;

/// <summary>
/// AdaptiveAvgPool2d/3d and AdaptiveMaxPool2d/3d with None in output_size (keep that input size),
/// which TorchSharp's modules cannot hold: the sizes are resolved per input as PyTorch's
/// _list_with_default does. Also every AdaptiveMaxPool3d: TorchSharp 0.107's module and functional
/// form both fail (the functional one runs the 1d operator), so it is computed as PyTorch defines it,
/// one dimension at a time (a maximum over a box of bins is the maximum over each side in turn).
/// </summary>
internal sealed class AdaptivePool : nn.Module<Tensor, Tensor>
{
    private readonly bool _max;
    private readonly long?[] _outputSize;

    public AdaptivePool(string type, bool max, long?[] outputSize)
        : base(type)
    {
        _max = max;
        _outputSize = outputSize;
    }

    public override Tensor forward(Tensor input)
    {
        var rank = _outputSize.Length;
        if (input.dim() < rank)
        {
            throw new ArgumentException($"Input dimension should be at least {rank + 1}");
        }

        var tail = input.shape[^rank..];
        var size = _outputSize.Select((s, i) => s ?? tail[i]).ToArray();
        if (_max && rank == 3)
        {
            return AdaptiveMax3d(input, size);
        }

        using var pool = (_max, rank) switch
        {
            (false, 2) => (nn.Module<Tensor, Tensor>)nn.AdaptiveAvgPool2d(size),
            (false, _) => nn.AdaptiveAvgPool3d(size),
            _ => nn.AdaptiveMaxPool2d(size),
        };
        return pool.forward(input);
    }

    private static Tensor AdaptiveMax3d(Tensor input, long[] size)
    {
        if (input.dim() is not (4 or 5))
        {
            throw new ArgumentException($"adaptive_max_pool3d(): Expected 4D or 5D tensor, but got: [{string.Join(", ", input.shape)}]");
        }

        var shape = input.shape;
        var (d, h, w) = (shape[^3], shape[^2], shape[^1]);
        var lead = shape[..^3];
        var planes = input.reshape(-1, d, h, w);
        var pooledHw = nn.functional.adaptive_max_pool2d(planes, [size[1], size[2]]);
        var alongD = pooledHw.flatten(2).transpose(1, 2);
        var pooled = nn.functional.adaptive_max_pool1d(alongD, size[0]);
        return pooled.transpose(1, 2).reshape([.. lead, size[0], size[1], size[2]]);
    }
}
