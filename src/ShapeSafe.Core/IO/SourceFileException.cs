namespace ShapeSafe.IO;

/// <summary>A model or .py file that cannot be read as one: the message names the file and says why, in one line.</summary>
public sealed class SourceFileException : IOException
{
    public SourceFileException(string path, string reason)
        : base($"{path}: {reason}")
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>Why it was not read ("no such file", "is a folder, not a model file", ...).</summary>
    public string Reason { get; }
}
