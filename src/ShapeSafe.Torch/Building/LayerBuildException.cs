namespace ShapeSafe.Torch.Building;

/// <summary>
/// A layer could not be made as a TorchSharp module: its constructor arguments are ones PyTorch's
/// constructor itself rejects (the message is PyTorch's), or TorchSharp has no equivalent. The
/// message names the layer and is meant for a person.
/// </summary>
public sealed class LayerBuildException : Exception
{
    public LayerBuildException(string message)
        : base(message)
    {
    }

    public LayerBuildException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
