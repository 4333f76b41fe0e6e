namespace ShapeSafe.Torch.Native;

/// <summary>The requested device cannot be used (no CUDA, no libtorch for it, an unknown name); the message says what was tried. The CLI exits with code 3.</summary>
public sealed class DeviceUnavailableException(string message) : Exception(message)
{
    /// <summary>The exit code the CLI gives this failure.</summary>
    public const int ExitCode = 3;
}
