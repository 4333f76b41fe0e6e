namespace ShapeSafe.Torch.Runtime;

/// <summary>
/// Why a checked graph cannot become a runnable <see cref="GraphModule"/>: a module TorchSharp cannot build, or a node
/// whose target the runtime has no operation for. The message names the module or the node's target and source line.
/// </summary>
public sealed class GraphBuildException : Exception
{
    public GraphBuildException(string message)
        : base(message)
    {
    }

    public GraphBuildException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
