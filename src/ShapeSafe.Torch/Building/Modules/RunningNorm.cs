using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Building.Modules;

/// <summary>
/// BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d as PyTorch's _BatchNorm and _InstanceNorm run them.
/// TorchSharp's modules skip checks PyTorch makes in Python (one value per channel with batch
/// statistics, one spatial element for instance statistics), refuse inputs PyTorch accepts (an
/// unbatched input to InstanceNorm with affine=False and another channel count only warns), and
/// cannot hold momentum=None. The state has PyTorch's names: weight, bias, running_mean,
/// running_var, num_batches_tracked.
/// </summary>
internal sealed class RunningNorm : nn.Module<Tensor, Tensor>
{
    private readonly bool _instance;
    private readonly int _spatialRank;
    private readonly long _numFeatures;
    private readonly double _eps;
    private readonly double? _momentum;
    private readonly bool _affine;
    private readonly bool _track;

    public RunningNorm(string type, bool instance, int spatialRank, long numFeatures, double eps, double? momentum, bool affine, bool track)
        : base(type)
    {
        _instance = instance;
        _spatialRank = spatialRank;
        _numFeatures = numFeatures;
        _eps = eps;
        _momentum = momentum;
        _affine = affine;
        _track = track;
        if (affine)
        {
            register_parameter("weight", (Parameter)nn.Parameter(ones(numFeatures)).DetachFromDisposeScope());
            register_parameter("bias", (Parameter)nn.Parameter(zeros(numFeatures)).DetachFromDisposeScope());
        }

        if (track)
        {
            register_buffer("running_mean", zeros(numFeatures).DetachFromDisposeScope());
            register_buffer("running_var", ones(numFeatures).DetachFromDisposeScope());
            register_buffer("num_batches_tracked", tensor(0L).DetachFromDisposeScope());
        }
    }

    // Looked up on each use: moving the module to another device replaces the registered tensors.
    private Parameter? Weight => _affine ? get_parameter("weight") : null;

    private Parameter? Bias => _affine ? get_parameter("bias") : null;

    private Tensor? RunningMean => _track ? get_buffer("running_mean") : null;

    private Tensor? RunningVar => _track ? get_buffer("running_var") : null;

    public override Tensor forward(Tensor input) => _instance ? InstanceNorm(input) : BatchNorm(input);

    private Tensor BatchNorm(Tensor input)
    {
        var dim = input.dim();
        var ok = _spatialRank == 1 ? dim is 2 or 3 : dim == _spatialRank + 2;
        if (!ok)
        {
            throw new ArgumentException($"expected {(_spatialRank == 1 ? "2D or 3D" : $"{_spatialRank + 2}D")} input (got {dim}D input)");
        }

        var factor = _momentum ?? 0.0;
        if (training && _track)
        {
            var tracked = get_buffer("num_batches_tracked")!;
            tracked.add_(1);
            factor = _momentum ?? 1.0 / tracked.item<long>();
        }

        var useBatchStatistics = training || !_track;
        if (useBatchStatistics && input.shape[0] * input.shape.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
        {
            throw new ArgumentException($"Expected more than 1 value per channel when training, got input size {TorchSize(input)}");
        }

        var useRunning = !training || _track;
        return nn.functional.batch_norm(input, useRunning ? RunningMean : null, useRunning ? RunningVar : null, Weight, Bias, useBatchStatistics, factor, _eps);
    }

    private Tensor InstanceNorm(Tensor input)
    {
        var dim = input.dim();
        var noBatch = _spatialRank + 1;
        if (dim != noBatch && dim != noBatch + 1)
        {
            throw new ArgumentException($"expected {noBatch}D or {noBatch + 1}D input (got {dim}D input)");
        }

        var featureDim = (int)(dim - noBatch);
        if (input.shape[featureDim] != _numFeatures && _affine)
        {
            throw new ArgumentException($"expected input's size at dim={featureDim} to match num_features ({_numFeatures}), but got: {input.shape[featureDim]}.");
        }

        if (dim == noBatch)
        {
            using var batched = input.unsqueeze(0);
            return ApplyInstanceNorm(batched).squeeze(0);
        }

        return ApplyInstanceNorm(input);
    }

    private Tensor ApplyInstanceNorm(Tensor input)
    {
        var useInputStatistics = training || !_track;
        if (useInputStatistics && input.shape.Skip(2).Aggregate(1L, (a, b) => a * b) == 1)
        {
            throw new ArgumentException($"Expected more than 1 spatial element when training, got input size {TorchSize(input)}");
        }

        return nn.functional.instance_norm(input, RunningMean, RunningVar, Weight, Bias, useInputStatistics, _momentum ?? 0.0, _eps);
    }

    private static string TorchSize(Tensor input) => $"torch.Size([{string.Join(", ", input.shape)}])";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Weight?.Dispose();
            Bias?.Dispose();
            RunningMean?.Dispose();
            RunningVar?.Dispose();
            (_track ? get_buffer("num_batches_tracked") : null)?.Dispose();
        }

        base.Dispose(disposing);
    }
}
