using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Runtime;
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
        var source = ModelSources.Resolve(request.ModelPath, allowPython: true);
        var input = NpyFile.Read(request.InputPath);
        var shape = Shape.Of([.. input.Shape]);
        if (source.Checkpoint is { Meta.Language: SourceLanguage.Python } pythonCheckpoint)
        {
            // A checkpoint of a .py model: its source checked again at the .npy's shape, run with its trained weights.
            if (request.WeightsPath is not null || request.ClassName is not null)
            {
                throw new ModelSourceException(request.ModelPath, "--weights and --class are for .py files; a checkpoint has its weights and its class");
            }

            var fromCheckpoint = CheckpointModel.CheckPython(pythonCheckpoint, shape);
            return new RunPlan(request, source, input, null, fromCheckpoint.Diagnostics) { Python = fromCheckpoint };
        }

        if (source.Kind == ModelSourceKind.PythonModule)
        {
            var python = CheckService.Check(source.Path, source.ModelText, new CheckRequest { Inputs = [shape], ClassName = request.ClassName });
            return new RunPlan(request, source, input, null, python.Diagnostics) { Python = python };
        }

        if (request.WeightsPath is not null || request.ClassName is not null)
        {
            throw new ModelSourceException(request.ModelPath, "--weights and --class are for Python models; a model file takes weights through 'shapesafe import'");
        }

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

    /// <summary>
    /// For a Python model run with <see cref="RunRequest.WeightsPath"/>: the weights file's keys and shapes against the
    /// model's state_dict (nothing loaded yet); empty when they all match or no weights were given. libtorch must be initialized.
    /// </summary>
    public static IReadOnlyList<Diagnostic> MatchWeights(RunPlan plan)
    {
        if (plan.Python is not { Graph: { } graph } || plan.Request.WeightsPath is not { } weights || !plan.CanRun)
        {
            return [];
        }

        var archive = WeightsFile.Open(weights);
        var built = GraphModule.ModulesOnly(plan.Python);
        using var module = built.Module ?? throw new ModelSourceException(plan.Source.Path, $"does not build: {built.Failure}");
        return PythonStateDictMatcher.Match(graph.Root, StateDicts.Expected(module), archive.Entries, weights);
    }

    /// <summary>Runs a plan that <see cref="RunPlan.CanRun"/> on <paramref name="device"/> and writes the output; returns its shape.</summary>
    public static IReadOnlyList<long> Execute(RunPlan plan, Device device)
    {
        if (!plan.CanRun)
        {
            throw new InvalidOperationException("the plan has errors; render its diagnostics instead of running it");
        }

        using nn.Module<Tensor, Tensor> model = plan.Python is { } python ? BuildPython(plan, python) : Build(plan);
        model.to(device);
        model.eval();
        NpyArray output;
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            var x = NpyTensors.ToTensor(plan.Input).to(ScalarType.Float32).to(device);
            try
            {
                output = NpyTensors.FromTensorAsFloat32(model.forward(x));
            }
            catch (GraphRunException e)
            {
                throw new ModelSourceException(plan.Source.Path, "cannot be run: " + e.Message, e);
            }
        }

        NpyFile.Write(plan.Request.OutputPath, output);
        return output.Shape;
    }

    /// <summary>A Python model's GraphModule on the CPU: fresh weights from the request's seed, or the request's state_dict.</summary>
    private static GraphModule BuildPython(RunPlan plan, FileCheck python)
    {
        if (plan.Source.Checkpoint is { } checkpoint)
        {
            return CheckpointModel.LoadPython(checkpoint, python);
        }

        manual_seed(plan.Request.Seed);
        var built = GraphModule.Build(python);
        var module = built.Module ?? throw new ModelSourceException(plan.Source.Path, $"does not run: {built.Failure}");
        if (plan.Request.WeightsPath is { } weights)
        {
            var archive = WeightsFile.Open(weights);
            var mismatches = PythonStateDictMatcher.Match(python.Graph!.Root, StateDicts.Expected(module), archive.Entries, weights);
            if (mismatches.Count > 0)
            {
                module.Dispose();
                throw new ModelSourceException(weights, $"does not fit {plan.Source.Path}: {mismatches.Count} key or shape mismatches");
            }

            ImportService.Load(module, archive);
        }

        return module;
    }

    /// <summary>The model of a plan on the CPU: a checkpoint's with its weights, or a model file's with fresh weights from the request's seed.</summary>
    internal static Sequential Build(RunPlan plan)
    {
        if (plan.Source.Checkpoint is { } checkpoint)
        {
            return CheckpointModel.Load(checkpoint);
        }

        manual_seed(plan.Request.Seed);
        var build = ModuleBuilder.Build(plan.Check!);
        return build.Module ?? throw new ModelSourceException(plan.Source.Path, $"does not build: {build.Failure}");
    }
}
