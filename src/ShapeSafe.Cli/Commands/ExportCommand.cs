using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Interop;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Interop.PyTorchProject;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe export CHECKPOINT --to pt|safetensors FILE</c>: the checkpoint's weights as a PyTorch state_dict
/// (parameters and buffers under PyTorch's key names), written atomically. The work is <see cref="ExportService"/>'s.
/// <c>shapesafe export MODEL|MODEL.py|CHECKPOINT --to pytorch DIR</c>: a PyTorch project with a torchrun DDP script
/// (<see cref="PyTorchProjectExporter"/>).
/// <c>shapesafe export CHECKPOINT --to onnx FILE.onnx</c>: the trained model as ONNX with its serving metadata
/// (<see cref="OnnxExportService"/>); a layer or call with no ONNX equivalent is SS0250 and nothing is written.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<string>("CHECKPOINT") { Description = "A checkpoint written by train or import (for --to pytorch also a model file or .py model)" };
        var file = new Argument<string>("FILE") { Description = "The state_dict file to write (.pt for torch.load, .safetensors), or the folder of --to pytorch" };
        var to = new Option<string>("--to") { Description = "pt (torch.save's format, for torch.load), safetensors, pytorch (a project folder with model.py and a torchrun DDP script), or onnx (a .onnx model for ONNX Runtime)", Required = true }
            .AcceptOnlyFromAmong("pt", "safetensors", "pytorch", "onnx");
        var className = SharedOptions.Class();
        var input = SharedOptions.Input();
        var command = new Command("export", "Write a checkpoint's weights as a PyTorch state_dict (.pt or .safetensors), or a model as a PyTorch project with a torchrun DDP script (--to pytorch)")
        {
            checkpoint, to, file, className, input,
        };
        command.SetAction(parse => parse.GetValue(to) == "pytorch"
            ? RunPyTorch(new PyTorchProjectRequest(parse.GetValue(checkpoint)!, parse.GetValue(file)!, parse.GetValue(className),
                parse.GetValue(input) is { } shape ? ShapeSafe.Shapes.ShapeParser.Parse(shape) : null),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
            : parse.GetValue(className) is not null || parse.GetValue(input) is not null
                ? Refuse(parse.InvocationConfiguration.Error, "--class and --input are for --to pytorch; pt, safetensors and onnx export a checkpoint")
                : parse.GetValue(to) == "onnx"
                ? RunOnnx(parse.GetValue(checkpoint)!, parse.GetValue(file)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)
                : Run(parse.GetValue(checkpoint)!, parse.GetValue(to)!, parse.GetValue(file)!,
                    parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string checkpoint, string to, string file, TextWriter output, TextWriter error)
    {
        var format = to == "safetensors" ? WeightsFormat.Safetensors : WeightsFormat.TorchSave;
        try
        {
            NativeRuntime.RequireCpu();
            var result = ExportService.Export(checkpoint, format, file);
            var kind = format == WeightsFormat.Safetensors ? "safetensors" : "torch.save format, for torch.load";
            output.WriteLine($"wrote {result.Path}: {result.Tensors.Count} tensors of {checkpoint} as a PyTorch state_dict ({kind})");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (InteropErrors.IsFileProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }

    /// <summary><c>--to onnx</c>: exit 1 with the SS0250 diagnostics and nothing written when the model cannot be mapped.</summary>
    internal static int RunOnnx(string checkpoint, string file, TextWriter output, TextWriter error)
    {
        try
        {
            NativeRuntime.RequireCpu();
            var result = OnnxExportService.Export(checkpoint, file);
            if (!result.Succeeded)
            {
                var console = Terminal.For(error);
                foreach (var diagnostic in result.Diagnostics)
                {
                    DiagnosticTextRenderer.Render(console, checkpoint, [], diagnostic);
                }

                var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
                error.WriteLine($"error: {checkpoint} cannot be exported to ONNX: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was written");
                return ExitCodes.Findings;
            }

            var model = result.Model!;
            output.WriteLine($"wrote {file}: ONNX opset {ShapeSafe.Onnx.Export.OnnxExporter.Opset}, {model.Graph.Node.Count} nodes, {model.Graph.Initializer.Count} initializers, input {ShapeSafe.Onnx.Export.OnnxExporter.InputName} (N x {string.Join(" x ", model.Graph.Input[0].Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue))}), from {checkpoint}");
            output.WriteLine($"serve it without libtorch: shapesafe predict {file} IMAGE... or shapesafe run {file} --input X.npy --output Y.npy");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (InteropErrors.IsFileProblem(e) || e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    /// <summary><c>--to pytorch</c>: renders the model's diagnostics; exit 1 with nothing written when it has errors.</summary>
    internal static int RunPyTorch(PyTorchProjectRequest request, TextWriter output, TextWriter error)
    {
        try
        {
            if (ModelSources.Resolve(request.SourcePath, allowPython: true).Checkpoint is not null)
            {
                NativeRuntime.RequireCpu();
            }

            var result = PyTorchProjectExporter.Export(request);
            var console = Terminal.For(error);
            foreach (var diagnostic in result.Diagnostics)
            {
                DiagnosticTextRenderer.Render(console, result.Source.DisplayPath, result.Source.Lines, diagnostic);
            }

            if (!result.Succeeded)
            {
                var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
                error.WriteLine($"error: {request.SourcePath} has {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was written");
                return ExitCodes.Findings;
            }

            output.WriteLine($"wrote {request.Folder}: {string.Join(", ", result.Files.Select(Path.GetFileName))} (class {result.ClassName})");
            output.WriteLine($"train it: torchrun --nproc_per_node=2 {Path.Combine(request.Folder, PyTorchProjectFiles.TrainScript)} --data DATA --out RUN_DIR; then: shapesafe import RUN_DIR --out CHECKPOINT");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (InteropErrors.IsFileProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }
}
