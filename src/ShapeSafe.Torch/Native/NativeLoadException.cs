namespace ShapeSafe.Torch.Native;

/// <summary>
/// libtorch could not be loaded for the requested device. The message is written for a person
/// (what failed, which files, what to do) and is meant to be printed as it is, without a stack trace.
/// </summary>
public sealed class NativeLoadException : Exception
{
    public NativeLoadException(string message)
        : base(message)
    {
    }

    public NativeLoadException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
