namespace ShapeSafe.Torch.Native;

/// <summary>
/// Where a CUDA libtorch folder (a PyTorch install's torch/lib) was found, or every place that was
/// tried when none was. <see cref="Tried"/> is in the order tried, each entry saying what it found.
/// </summary>
public sealed record LibTorchLocation(string? Folder, string? Source, IReadOnlyList<string> Tried)
{
    public bool Found => Folder is not null;
}
