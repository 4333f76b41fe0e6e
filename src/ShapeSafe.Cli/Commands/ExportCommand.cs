using System.CommandLine;
using ShapeSafe.Cli.Hosting;
using ShapeSafe.Interop;
using ShapeSafe.Torch.Interop;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>
/// <c>shapesafe export CHECKPOINT --to pt|safetensors FILE</c>: the checkpoint's weights as a PyTorch state_dict
/// (parameters and buffers under PyTorch's key names), written atomically. The work is <see cref="ExportService"/>'s.
/// </summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<string>("CHECKPOINT") { Description = "A checkpoint written by train or import" };
        var file = new Argument<string>("FILE") { Description = "The state_dict file to write (.pt for torch.load, .safetensors)" };
        var to = new Option<string>("--to") { Description = "pt (torch.save's format, for torch.load) or safetensors", Required = true }
            .AcceptOnlyFromAmong("pt", "safetensors");
        var command = new Command("export", "Write a checkpoint's weights as a PyTorch state_dict (.pt or .safetensors)")
        {
            checkpoint, to, file,
        };
        command.SetAction(parse => Run(parse.GetValue(checkpoint)!, parse.GetValue(to)!, parse.GetValue(file)!,
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
}
