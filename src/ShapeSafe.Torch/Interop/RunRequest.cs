namespace ShapeSafe.Torch.Interop;

/// <summary>One forward pass: the model (model file or checkpoint), the input and output .npy files, and the seed of a model file's fresh weights.</summary>
public sealed record RunRequest(string ModelPath, string InputPath, string OutputPath, int Seed = RunRequest.DefaultSeed)
{
    public const int DefaultSeed = 42;

    /// <summary>For a Python model: the <c>nn.Module</c> class to run; null lets the checker choose.</summary>
    public string? ClassName { get; init; }

    /// <summary>For a Python model: a PyTorch state_dict (.pt/.pth or .safetensors) to load instead of fresh weights.</summary>
    public string? WeightsPath { get; init; }
}
