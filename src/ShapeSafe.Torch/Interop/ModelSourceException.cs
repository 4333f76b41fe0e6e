namespace ShapeSafe.Torch.Interop;

/// <summary>A model path that cannot be used by run, export or import (missing, unreadable, or of a kind they do not take yet); the message names it.</summary>
public sealed class ModelSourceException : Exception
{
    public ModelSourceException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
