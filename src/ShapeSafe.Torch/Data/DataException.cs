namespace ShapeSafe.Torch.Data;

/// <summary>
/// A data set that cannot be used as it is: a truncated or mismatched IDX file, an image that does
/// not decode, an empty class folder. <see cref="Path"/> names the file or folder at fault and the
/// message says what is wrong with it, so the CLI can print it as is.
/// </summary>
public sealed class DataException : Exception
{
    public DataException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
