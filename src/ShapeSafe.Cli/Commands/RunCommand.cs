using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Interop;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe run MODEL|CHECKPOINT --input X.npy --output Y.npy [--device cpu|cuda] [--seed N]</c>: one forward pass in
/// eval mode without gradients, the raw output written as float32 .npy. The input's shape is checked by the shape
/// engine first: a mismatch is its diagnostic (exit 1) and libtorch is never started. The work is <see cref="RunService"/>'s.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model file (fresh weights from --seed) or a checkpoint written by train or import" };
        var input = new Option<string>("--input") { Description = "The input tensor as .npy, batch first (e.g. 8x3x64x64; float32, float64, int or bool)", Required = true };
        var output = new Option<string>("--output") { Description = "Where to write the output tensor (.npy, float32)", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of a model file's fresh weights", DefaultValueFactory = _ => RunRequest.DefaultSeed };
        var device = SharedTrainingOptions.Device();
        var libtorch = SharedTrainingOptions.LibTorch();
        var command = new Command("run", "Run a model file or checkpoint once on a .npy input and write its output as .npy")
        {
            model, input, output, seed, device, libtorch,
        };
        command.SetAction(parse => Run(
            new RunRequest(parse.GetValue(model)!, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(seed)),
            parse.GetValue(device)!, parse.GetValue(libtorch), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

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
                error.WriteLine($"error: {request.InputPath} (shape {NpyFile.ShapeText(plan.Input.Shape)}) does not fit {plan.Source.Path}: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was run");
                return ExitCodes.Findings;
            }

            var selection = NativeRuntime.Initialize(device, libtorch);
            if (!selection.Succeeded)
            {
                error.WriteLine($"error: {selection.Failure}");
                return selection.ExitCode;
            }

            var shape = RunService.Execute(plan, selection.Device!);
            var weights = plan.Source.Kind == ModelSourceKind.Checkpoint ? "checkpoint weights" : $"fresh weights, seed {request.Seed}";
            output.WriteLine($"wrote {request.OutputPath}: float32 {NpyFile.ShapeText(shape)} from {plan.Source.Path} ({weights}) on {selection.Description}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (InteropErrors.IsFileProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }
}
