using System.CommandLine;
using ShapeSafe.Torch.Native;

namespace ShapeSafe.Cli.Commands;

/// <summary>Options train, evaluate and predict share.</summary>
public static class SharedTrainingOptions
{
    /// <summary>--device, checked while parsing: a name that is no device is a usage error (exit 2), not an unavailable device (exit 3).</summary>
    public static Option<string> Device()
    {
        var option = new Option<string>("--device")
        {
            Description = "cpu, cuda or cuda:N (CUDA uses an installed PyTorch's libtorch; see --libtorch)",
            DefaultValueFactory = _ => "cpu",
        };
        option.Validators.Add(result =>
        {
            // The default cpu is checked here, so a .onnx command (which runs without libtorch) never compiles the
            // method that names the TorchSharp adapter.
            var device = result.GetValueOrDefault<string>() ?? string.Empty;
            if (device != "cpu" && DeviceNameProblem(device) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string? DeviceNameProblem(string device) => NativeRuntime.DeviceNameProblem(device);

    public static Option<string?> LibTorch() => new("--libtorch")
    {
        Description = "Folder of a CUDA libtorch (e.g. .../site-packages/torch/lib); default: SHAPESAFE_LIBTORCH, else python3's torch",
    };

    public static Option<int> BatchSize(int defaultValue) => new("--batch-size")
    {
        Description = "Images per batch",
        DefaultValueFactory = _ => defaultValue,
    };
}
