using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// <c>shapesafe run</c>'s work: one forward pass of a model file (fresh weights, seeded) or a checkpoint on a .npy
/// input, in eval mode without gradients, written as float32 .npy. <see cref="Plan"/> checks the input's shape
/// with the shape engine first, without libtorch, so a mismatch is the engine's diagnostic and never a libtorch
/// abort; <see cref="Execute"/> then runs it on a device.
/// </summary>
public static class RunService
{
    /// <summary>Resolves the model, reads the input and checks it; throws <see cref="ModelSourceException"/>, <see cref="CheckpointException"/> or <see cref="NpyFormatException"/> for unusable files.</summary>
    public static RunPlan Plan(RunRequest request)
    {
        var source = ModelSources.Resolve(request.ModelPath);
        var input = NpyFile.Read(request.InputPath);
        var shape = Shape.Of([.. input.Shape]);
        var file = ModelFileParser.Parse(source.DisplayPath, source.ModelText);
        var check = ShapeChecker.Check(file, shape);
        var diagnostics = check.Diagnostics.ToList();
        if (!check.HasErrors && source.Checkpoint is { } checkpoint)
        {
            var trained = ShapeChecker.Check(file, checkpoint.Meta.Input.ToShape());
            diagnostics.AddRange(TrainedSizes.Compare(trained, check));
        }

        return new RunPlan(request, source, input, check, diagnostics);
    }

    /// <summary>Runs a plan that <see cref="RunPlan.CanRun"/> on <paramref name="device"/> and writes the output; returns its shape.</summary>
    public static IReadOnlyList<long> Execute(RunPlan plan, Device device)
    {
        if (!plan.CanRun)
        {
            throw new InvalidOperationException("the plan has errors; render its diagnostics instead of running it");
        }

        using var model = Build(plan);
        model.to(device);
        model.eval();
        NpyArray output;
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            var x = NpyTensors.ToTensor(plan.Input).to(ScalarType.Float32).to(device);
            output = NpyTensors.FromTensorAsFloat32(model.forward(x));
        }

        NpyFile.Write(plan.Request.OutputPath, output);
        return output.Shape;
    }

    /// <summary>The model of a plan on the CPU: a checkpoint's with its weights, or a model file's with fresh weights from the request's seed.</summary>
    internal static Sequential Build(RunPlan plan)
    {
        if (plan.Source.Checkpoint is { } checkpoint)
        {
            return CheckpointModel.Load(checkpoint);
        }

        manual_seed(plan.Request.Seed);
        var build = ModuleBuilder.Build(plan.Check);
        return build.Module ?? throw new ModelSourceException(plan.Source.Path, $"does not build: {build.Failure}");
    }
}
