namespace ShapeSafe.Torch.Interop.PyTorchProject;

/// <summary>
/// What <c>export --to pytorch</c> exports: a model file, a PyTorch <c>.py</c> model (with the class to use when it has
/// several) or a checkpoint, the folder to write the project into (created when missing), and the input shape to check a
/// model at when its file declares none (a checkpoint keeps its own).
/// </summary>
public sealed record PyTorchProjectRequest(string SourcePath, string Folder, string? ClassName = null, ShapeSafe.Shapes.Shape? Input = null);
