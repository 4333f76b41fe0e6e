namespace ShapeSafe.Tests.Fuzzing;

/// <summary>The seed inputs mutations start from: the repository's examples, fixtures and corpus, and real PyTorch/TorchSharp messages.</summary>
public static class FuzzSeeds
{
    public static IReadOnlyList<string> ModelFiles { get; } = Files("*.model", "examples", "tests/fixtures");

    public static IReadOnlyList<string> PythonFiles { get; } = Files("*.py", "examples", "tests/corpus/python", "tests/corpus/seed");

    /// <summary>Messages PyTorch 1.13 and TorchSharp print, as the explain tests take them.</summary>
    public static IReadOnlyList<string> Messages { get; } =
    [
        "RuntimeError: mat1 and mat2 shapes cannot be multiplied (20x8192 and 2048x128)",
        "mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)",
        "Given groups=1, weight of size [16, 3, 3, 3], expected input[2, 1, 8, 8] to have 3 channels, but got 1 channels instead",
        "Given groups=2, weight of size [16, 2, 3, 3], expected input[2, 6, 8, 8] to have 4 channels, but got 6 channels instead",
        "RuntimeError: Given input size: (32x1x1). Calculated output size: (32x0x0). Output size is too small",
        "RuntimeError: Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
        "RuntimeError: shape '[-1, 2048]' is invalid for input of size 692227",
        "RuntimeError: size mismatch, m1: [64 x 8192], m2: [2048 x 10] at /pytorch/aten/src/TH/generic/THTensorMath.cpp:136",
        "RuntimeError: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 48]",
        "System.ArgumentException: Expected 3D (unbatched) or 4D (batched) input with 3 channels to Conv2d.",
        "ValueError: Expected input batch_size (512) to match target batch_size (128).",
        "RuntimeError: Error(s) in loading state_dict for Net:\n\tsize mismatch for fc1.weight: copying a param with shape torch.Size([128, 8192]) from checkpoint, the shape in current model is torch.Size([128, 2048]).",
    ];

    private static string[] Files(string pattern, params string[] folders) =>
        folders.SelectMany(f => Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, f), pattern))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
