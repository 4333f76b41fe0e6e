using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building.Modules;

/// <summary>
/// GroupNorm as PyTorch's F.group_norm runs it: at least 2 dimensions, and more than one value per
/// group (its _verify_batch_size, in training and in evaluation alike), checks TorchSharp's GroupNorm
/// does not make. The parameters have PyTorch's names, weight and bias.
/// </summary>
internal sealed class GroupNormModule : nn.Module<Tensor, Tensor>
{
    private readonly long _groups;
    private readonly double _eps;
    private readonly bool _affine;

    public GroupNormModule(long groups, long channels, double eps, bool affine)
        : base("GroupNorm")
    {
        _groups = groups;
        _eps = eps;
        _affine = affine;
        if (affine)
        {
            register_parameter("weight", (Parameter)nn.Parameter(ones(channels)).DetachFromDisposeScope());
            register_parameter("bias", (Parameter)nn.Parameter(zeros(channels)).DetachFromDisposeScope());
        }
    }

    // Looked up on each use: moving the module to another device replaces the registered parameters.
    private Parameter? Weight => _affine ? get_parameter("weight") : null;

    private Parameter? Bias => _affine ? get_parameter("bias") : null;

    public override Tensor forward(Tensor input)
    {
        if (input.dim() < 2)
        {
            throw new ArgumentException($"Expected at least 2 dimensions for input tensor but received {input.dim()}");
        }

        var shape = input.shape;
        var sizes = new[] { shape[0] * shape[1] / _groups, _groups }.Concat(shape.Skip(2)).ToArray();
        if (sizes[0] * sizes.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
        {
            throw new ArgumentException($"Expected more than 1 value per channel when training, got input size [{string.Join(", ", sizes)}]");
        }

        return nn.functional.group_norm(input, _groups, Weight, Bias, _eps);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Weight?.Dispose();
            Bias?.Dispose();
        }

        base.Dispose(disposing);
    }
}
