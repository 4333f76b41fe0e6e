namespace ShapeSafe.Torch.Runtime;

/// <summary>A node that failed on real tensors (a shape the check could not see, a value of the wrong kind); the message names the node's target and line.</summary>
public sealed class GraphRunException : Exception
{
    public GraphRunException(string message)
        : base(message)
    {
    }

    public GraphRunException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
