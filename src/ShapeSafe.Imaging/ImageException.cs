namespace ShapeSafe.Imaging;

/// <summary>An image file that cannot be read: <see cref="Path"/> names it and <see cref="Problem"/> says why.</summary>
public sealed class ImageException : Exception
{
    public ImageException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
