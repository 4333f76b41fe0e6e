using ShapeSafe.Diagnostics;

namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>
/// What <c>export --to pytorch</c> did: the model it read (for rendering diagnostics), its diagnostics, and, when it had no
/// errors, the files written (full paths, in writing order) and the Python class the project trains.
/// </summary>
public sealed record PyTorchProjectResult(ModelSource Source, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Files, string? ClassName)
{
    public bool Succeeded => Files.Count > 0;
}
