namespace ShapeSafe.Interop;

/// <summary>A weights file (.pt, .pth, .safetensors) that cannot be read: corrupt, truncated, or not a state_dict. The message names the file.</summary>
public sealed class WeightsFormatException : Exception
{
    public WeightsFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
