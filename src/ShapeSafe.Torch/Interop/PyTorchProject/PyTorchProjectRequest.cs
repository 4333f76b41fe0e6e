namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>
/// What <c>export --to pytorch</c> exports: a model file, a PyTorch <c>.py</c> model (with the class to use when it has
/// several) or a checkpoint, and the folder to write the project into (created when missing).
/// </summary>
public sealed record PyTorchProjectRequest(string SourcePath, string Folder, string? ClassName = null);
