namespace ShapeSafe.Torch.Interop;

/// <summary>
/// One forward pass: the model (model file, checkpoint or .py), the input and output .npy files, and the seed of fresh
/// weights. A .py model whose forward takes several inputs gets one .npy per parameter, in order
/// (<see cref="InputPaths"/>); one that returns a tuple or list gets one output file per returned tensor (<see cref="OutputPaths"/>).
/// </summary>
public sealed record RunRequest(string ModelPath, string InputPath, string OutputPath, int Seed = RunRequest.DefaultSeed)
{
    public const int DefaultSeed = 42;

    /// <summary>For a Python model: the <c>nn.Module</c> class to run; null lets the checker choose.</summary>
    public string? ClassName { get; init; }

    /// <summary>For a Python model: a PyTorch state_dict (.pt/.pth or .safetensors) to load instead of fresh weights.</summary>
    public string? WeightsPath { get; init; }

    /// <summary>The inputs after <see cref="InputPath"/> (forward's second parameter on), in order.</summary>
    public IReadOnlyList<string> MoreInputPaths { get; init; } = [];

    /// <summary>The output files after <see cref="OutputPath"/>, one per further tensor forward returns, in order.</summary>
    public IReadOnlyList<string> MoreOutputPaths { get; init; } = [];

    /// <summary>Every input .npy, in forward's parameter order.</summary>
    public IReadOnlyList<string> InputPaths => [InputPath, .. MoreInputPaths];

    /// <summary>Every output .npy, in the order forward returns its tensors.</summary>
    public IReadOnlyList<string> OutputPaths => [OutputPath, .. MoreOutputPaths];
}
