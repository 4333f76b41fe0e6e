namespace ShapeSafe.Torch.Interop;

/// <summary>One forward pass: the model (model file or checkpoint), the input and output .npy files, and the seed of a model file's fresh weights.</summary>
public sealed record RunRequest(string ModelPath, string InputPath, string OutputPath, int Seed = RunRequest.DefaultSeed)
{
    public const int DefaultSeed = 42;
}
