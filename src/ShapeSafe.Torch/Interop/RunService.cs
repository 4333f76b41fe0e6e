using ShapeSafe.Checking;
using ShapeSafe.Diagnostics;
using ShapeSafe.Inference;
using ShapeSafe.Interop;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Checkpoints;
using ShapeSafe.Torch.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// <c>shapesafe run</c>'s work: one forward pass of a model file (fresh weights, seeded), a .py model or a checkpoint on
/// .npy inputs (one per forward parameter for a .py model; integer and bool inputs keep their type, token ids for
/// Embedding), in eval mode without gradients, each output tensor written as .npy of its own type. <see cref="Plan"/>
/// checks every input's shape with the shape engine first, without libtorch, so a mismatch is the engine's diagnostic and
/// never a libtorch abort; <see cref="Execute"/> then runs it on a device.
/// </summary>
public static class RunService
{
    /// <summary>Resolves the model, reads the input and checks it; throws <see cref="ModelSourceException"/>, <see cref="CheckpointException"/> or <see cref="NpyFormatException"/> for unusable files.</summary>
    public static RunPlan Plan(RunRequest request)
    {
        var source = ModelSources.Resolve(request.ModelPath, allowPython: true);
        var inputs = request.InputPaths.Select(NpyFile.Read).ToList();
        var input = inputs[0];
        var shape = Shape.Of([.. input.Shape]);
        if (inputs.Count > 1 && (source.Kind != ModelSourceKind.PythonModule || source.Checkpoint is not null))
        {
            throw new ModelSourceException(request.ModelPath, $"takes one input; {inputs.Count} --input files were given (several inputs are for a .py model whose forward takes several)");
        }

        if (source.Checkpoint is { Meta.Language: SourceLanguage.Python } pythonCheckpoint)
        {
            // A checkpoint of a .py model: its source checked again at the .npy's shape, run with its trained weights.
            if (request.WeightsPath is not null || request.ClassName is not null)
            {
                throw new ModelSourceException(request.ModelPath, "--weights and --class are for .py files; a checkpoint has its weights and its class");
            }

            var fromCheckpoint = CheckpointModel.CheckPython(pythonCheckpoint, shape);
            return new RunPlan(request, source, input, null, fromCheckpoint.Diagnostics) { Python = fromCheckpoint, Inputs = inputs };
        }

        if (source.Kind == ModelSourceKind.PythonModule)
        {
            // One shape per .npy, matched to forward's parameters in order: a count mismatch is the checker's SS-diagnostic naming them.
            var shapes = inputs.ConvertAll(i => Shape.Of([.. i.Shape]));
            var python = CheckService.Check(source.Path, source.ModelText, new CheckRequest { Inputs = shapes, ClassName = request.ClassName });
            return new RunPlan(request, source, input, null, python.Diagnostics) { Python = python, Inputs = inputs };
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

        return new RunPlan(request, source, input, check, diagnostics) { Inputs = inputs };
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

    /// <summary>
    /// Runs a plan that <see cref="RunPlan.CanRun"/> on <paramref name="device"/> and writes one .npy per output tensor, each
    /// of its own element type; returns what it wrote. Nothing is written when the model returns another number of tensors
    /// than the request has output paths (<see cref="ModelSourceException"/> saying how many it returns).
    /// </summary>
    public static IReadOnlyList<RunOutput> Execute(RunPlan plan, Device device)
    {
        if (!plan.CanRun)
        {
            throw new InvalidOperationException("the plan has errors; render its diagnostics instead of running it");
        }

        var arrays = plan.Inputs.Count > 0 ? plan.Inputs : [plan.Input];
        using nn.Module<Tensor, Tensor> model = plan.Python is { } python ? BuildPython(plan, python) : Build(plan);
        model.to(device);
        model.eval();
        var outputs = new List<NpyArray>();
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            try
            {
                if (model is GraphModule graph)
                {
                    // Integer and bool inputs keep their type (token ids for Embedding, masks); floating ones run as float32.
                    var xs = arrays.Select(a => InputTensor(a, keepIntegers: true).to(device)).ToArray();
                    var returned = new List<object?>();
                    Flatten(graph.Run(xs), returned);
                    foreach (var item in returned)
                    {
                        outputs.Add(item is Tensor t ? NpyTensors.FromTensor(t)
                            : throw new ModelSourceException(plan.Source.Path, $"returns {returned.Count} values, not all tensors ({OutputsText(returned)}); run writes tensors only"));
                    }
                }
                else
                {
                    outputs.Add(NpyTensors.FromTensorAsFloat32(model.forward(InputTensor(arrays[0], keepIntegers: false).to(device))));
                }
            }
            catch (GraphRunException e)
            {
                throw new ModelSourceException(plan.Source.Path, "cannot be run: " + e.Message, e);
            }
        }

        var paths = plan.Request.OutputPaths;
        if (outputs.Count != paths.Count)
        {
            var returns = outputs.Count == 1 ? "1 output" : $"{outputs.Count} outputs";
            var shapes = string.Join(", ", outputs.Select(o => NpyFile.ShapeText(o.Shape)));
            throw new ModelSourceException(plan.Source.Path,
                $"returns {returns} ({shapes}) but {paths.Count} --output file{(paths.Count == 1 ? " was" : "s were")} given; give --output once per output, in order; nothing was written");
        }

        var written = new List<RunOutput>();
        for (var i = 0; i < outputs.Count; i++)
        {
            NpyFile.Write(paths[i], outputs[i]);
            written.Add(new RunOutput(paths[i], outputs[i].DType, outputs[i].Shape));
        }

        return written;
    }

    private static Tensor InputTensor(NpyArray array, bool keepIntegers)
    {
        var tensor = NpyTensors.ToTensor(array);
        var integral = array.DType is TensorDType.Int64 or TensorDType.Int32 or TensorDType.Int16 or TensorDType.Int8 or TensorDType.UInt8 or TensorDType.Bool;
        return keepIntegers && integral ? tensor : tensor.to(ScalarType.Float32);
    }

    private static void Flatten(object? value, List<object?> into)
    {
        if (value is IReadOnlyList<object?> list)
        {
            foreach (var item in list)
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(value);
        }
    }

    private static string OutputsText(List<object?> values) =>
        string.Join(", ", values.Select(v => v is Tensor t ? "tensor " + NpyFile.ShapeText(t.shape) : v?.GetType().Name ?? "None"));

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

    /// <summary>
    /// The model of a plan on the CPU, run by the graph runtime: a checkpoint's with its weights, or a model file's with
    /// fresh weights from the request's seed.
    /// </summary>
    internal static GraphModule Build(RunPlan plan)
    {
        if (plan.Source.Checkpoint is { } checkpoint)
        {
            return CheckpointModel.LoadModelFile(checkpoint);
        }

        manual_seed(plan.Request.Seed);
        var build = GraphModule.Build(CheckService.ForModelFile(plan.Source.Path, plan.Source.ModelText, plan.Source.Lines, plan.Check!));
        return build.Module ?? throw new ModelSourceException(plan.Source.Path, $"does not build: {build.Failure}");
    }
}
