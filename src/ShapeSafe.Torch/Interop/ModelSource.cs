using ShapeSafe.Torch.Checkpoints;

namespace ShapeSafe.Torch.Interop;

/// <summary>
/// A model resolved from a path by <see cref="ModelSources.Resolve"/>: the model file's text (from the file, or a
/// checkpoint's model.txt), the name diagnostics use for it, and the checkpoint when there is one.
/// </summary>
public sealed record ModelSource(ModelSourceKind Kind, string Path, string DisplayPath, string ModelText, Checkpoint? Checkpoint)
{
    /// <summary>The model text's lines, for rendering diagnostics with their source line.</summary>
    public IReadOnlyList<string> Lines => ModelText.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
