namespace ShapeSafe.Interop;

/// <summary>A .npy file that cannot be read or written; the message names the file and the problem.</summary>
public sealed class NpyFormatException : Exception
{
    public NpyFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
