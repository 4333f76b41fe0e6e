using System.CommandLine;

namespace ShapeSafe.Cli.Commands;

/// <summary>Options train, evaluate and predict share.</summary>
public static class SharedTrainingOptions
{
    public static Option<string> Device() => new("--device")
    {
        Description = "cpu, cuda or cuda:N (CUDA uses an installed PyTorch's libtorch; see --libtorch)",
        DefaultValueFactory = _ => "cpu",
    };

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
