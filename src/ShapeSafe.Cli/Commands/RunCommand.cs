using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Interop;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe run MODEL|CHECKPOINT|MODEL.py --input X.npy [--input X2.npy ...] --output Y.npy [--output Y2.npy ...] [--class NAME]
/// [--weights STATE_DICT] [--device cpu|cuda] [--seed N]</c>: one forward pass in eval mode without gradients. A .py model
/// takes one --input per forward parameter, in order (integer and bool .npy keep their type); each tensor forward returns
/// is written to its --output, in order, as .npy of its own type (a model file's output as float32). Every input's shape
/// is checked by the shape engine first: a mismatch is its diagnostic (exit 1) and libtorch is never started. The work is
/// <see cref="RunService"/>'s.
/// A .onnx model runs on ONNX Runtime (<see cref="OnnxServing"/>) without libtorch.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model file or a PyTorch module (.py) (fresh weights from --seed), a checkpoint written by train or import, or a .onnx model" };
        var className = new Option<string?>("--class") { Description = "For a .py model: the nn.Module class to run (default: the one the checker picks)" };
        var weights = new Option<string?>("--weights") { Description = "For a .py model: a PyTorch state_dict (.pt/.pth or .safetensors) to load, matched by key and shape first" };
        var input = new Option<string[]>("--input")
        {
            Description = "An input tensor as .npy, batch first (e.g. 8x3x64x64; float32, float64, int or bool); repeat it for each of forward's parameters, in order",
            Required = true,
        };
        var output = new Option<string[]>("--output")
        {
            Description = "Where to write an output tensor (.npy of the tensor's type); repeat it for each tensor forward returns, in order",
            Required = true,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of a model file's fresh weights", DefaultValueFactory = _ => RunRequest.DefaultSeed };
        var device = SharedTrainingOptions.Device();
        var libtorch = SharedTrainingOptions.LibTorch();
        var command = new Command("run", "Run a model file, a PyTorch .py model or a checkpoint once on a .npy input and write its output as .npy")
        {
            model, input, output, className, weights, seed, device, libtorch,
        };
        command.SetAction(parse =>
        {
            if (!OnnxServing.IsOnnx(parse.GetValue(model)!))
            {
                return RunTorch(parse, model, input, output, seed, className, weights, device, libtorch);
            }

            if (OnnxServing.RefuseTorchOptions(parse.GetValue(device)!, parse.GetValue(libtorch),
                ("--class", parse.GetValue(className) is not null), ("--weights", parse.GetValue(weights) is not null), ("--seed", parse.GetResult(seed) is { Implicit: false })) is { } refusal)
            {
                throw new UsageException(refusal);
            }

            if (parse.GetValue(input)!.Length != 1)
            {
                throw new UsageException($"{parse.GetValue(model)} takes one --input (ShapeSafe's ONNX files have one input); {parse.GetValue(input)!.Length} --input were given");
            }

            return OnnxServing.Run(parse.GetValue(model)!, parse.GetValue(input)![0], parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>A model file, .py model or checkpoint: TorchSharp (kept out of the action so a .onnx run never compiles a method that names TorchSharp types).</summary>
    private static int RunTorch(ParseResult parse, Argument<string> model, Option<string[]> input, Option<string[]> output, Option<int> seed,
        Option<string?> className, Option<string?> weights, Option<string> device, Option<string?> libtorch) => Run(
        new RunRequest(parse.GetValue(model)!, parse.GetValue(input)![0], parse.GetValue(output)![0], parse.GetValue(seed))
        {
            ClassName = parse.GetValue(className),
            WeightsPath = parse.GetValue(weights),
            MoreInputPaths = parse.GetValue(input)![1..],
            MoreOutputPaths = parse.GetValue(output)![1..],
        },
        parse.GetValue(device)!, parse.GetValue(libtorch), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);

    internal static int Run(RunRequest request, string device, string? libtorch, TextWriter output, TextWriter error)
    {
        try
        {
            var plan = RunService.Plan(request);
            var console = Terminal.For(error);
            foreach (var diagnostic in plan.Diagnostics)
            {
                DiagnosticTextRenderer.Render(console, plan.Source.DisplayPath, plan.Source.Lines, diagnostic);
            }

            if (!plan.CanRun)
            {
                var errors = plan.Diagnostics.Count(d => d.Severity == Severity.Error);
                var given = plan.Inputs.Count > 1
                    ? string.Join(", ", request.InputPaths.Zip(plan.Inputs, (path, array) => $"{path} (shape {NpyFile.ShapeText(array.Shape)})"))
                    : $"{request.InputPath} (shape {NpyFile.ShapeText(plan.Input.Shape)})";
                error.WriteLine($"error: {given} {(plan.Inputs.Count > 1 ? "do" : "does")} not fit {plan.Source.Path}: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was run");
                return ExitCodes.Findings;
            }

            var selection = NativeRuntime.Initialize(device, libtorch);
            if (!selection.Succeeded)
            {
                error.WriteLine($"error: {selection.Failure}");
                return selection.ExitCode;
            }

            var mismatches = RunService.MatchWeights(plan);
            foreach (var diagnostic in mismatches)
            {
                DiagnosticTextRenderer.Render(console, plan.Source.DisplayPath, plan.Source.Lines, diagnostic);
            }

            if (mismatches.Count > 0)
            {
                error.WriteLine($"error: {request.WeightsPath} does not fit {plan.Source.Path}: {mismatches.Count} error{(mismatches.Count == 1 ? string.Empty : "s")}; nothing was run");
                return ExitCodes.Findings;
            }

            var written = RunService.Execute(plan, selection.Device!);
            var weights = plan.Source.Kind == ModelSourceKind.Checkpoint ? "checkpoint weights"
                : request.WeightsPath is { } loaded ? $"weights from {loaded}" : $"fresh weights, seed {request.Seed}";
            foreach (var file in written)
            {
                output.WriteLine($"wrote {file.Path}: {file.DType.TorchName()["torch.".Length..]} {NpyFile.ShapeText(file.Shape)} from {plan.Source.Path} ({weights}) on {selection.Description}");
            }
            return ExitCodes.Ok;
        }
        catch (Exception e) when (InteropErrors.IsFileProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }
}
