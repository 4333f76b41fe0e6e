namespace ShapeSafe.Torch.Checkpoints;

/// <summary>A checkpoint file that cannot be used: missing, corrupt, or for another model. The message names the file.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
