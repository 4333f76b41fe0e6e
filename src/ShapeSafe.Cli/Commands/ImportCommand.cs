using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Cli.Rendering;
using ShapeSafe.Diagnostics;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe import WEIGHTS --model FILE.model --out CHECKPOINT</c>: a PyTorch state_dict (.pt, .pth, .safetensors)
/// matched key by key and shape by shape against the model file before anything is loaded; every mismatch is a
/// diagnostic on the model file (exit 1, nothing written), else a complete checkpoint is written.
/// <c>shapesafe import RUN_DIR --out CHECKPOINT</c> does the same for a run folder of an exported project's train_ddp.py,
/// which names its model, classes and normalization itself. The work is <see cref="ImportService"/>'s.
/// </summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var weights = new Argument<string>("WEIGHTS") { Description = "A PyTorch state_dict (torch.save(model.state_dict(), 'w.pt') or a .safetensors file), or the run folder of an exported train_ddp.py" };
        var model = new Option<string>("--model") { Description = "The model file or PyTorch source (.py) whose layers the state_dict belongs to (not for a run folder)" };
        var className = SharedOptions.Class();
        var output = new Option<string>("--out") { Description = "The checkpoint to write (for evaluate, predict, run and export)", Required = true };
        var command = new Command("import", "Turn a PyTorch state_dict (.pt, .safetensors) or a train_ddp.py run folder into a checkpoint, after matching every key and shape against the model")
        {
            weights, model, className, output,
        };
        command.SetAction(parse => Run(new ImportRequest(parse.GetValue(weights)!, parse.GetValue(model), parse.GetValue(output)!, parse.GetValue(className)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(ImportRequest request, TextWriter output, TextWriter error)
    {
        try
        {
            var selection = NativeRuntime.Initialize("cpu");
            if (!selection.Succeeded)
            {
                error.WriteLine($"error: {selection.Failure}");
                return selection.ExitCode;
            }

            var result = ImportService.Import(request);
            var console = Terminal.For(error);
            foreach (var diagnostic in result.Diagnostics)
            {
                DiagnosticTextRenderer.Render(console, result.Source.DisplayPath, result.Source.Lines, diagnostic);
            }

            if (result.Written is not { } meta)
            {
                var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
                error.WriteLine($"error: {request.WeightsPath} does not fit {request.ModelPath ?? result.Source.DisplayPath}: {errors} error{(errors == 1 ? string.Empty : "s")}; nothing was written");
                return ExitCodes.Findings;
            }

            output.WriteLine(request.ModelPath is null
                ? $"wrote {request.OutputPath}: {result.Tensors} tensors of the run in {request.WeightsPath} after epoch {meta.Epoch} (input {meta.Input}, {meta.ClassNames.Count} classes: {string.Join(", ", meta.ClassNames)}; normalization {meta.Normalization})"
                : $"wrote {request.OutputPath}: {result.Tensors} tensors of {request.WeightsPath} in {request.ModelPath} (input {meta.Input}, {meta.ClassNames.Count} classes; images are read as pixel/255 with no normalization)");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (InteropErrors.IsFileProblem(e))
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Findings;
        }
    }
}
