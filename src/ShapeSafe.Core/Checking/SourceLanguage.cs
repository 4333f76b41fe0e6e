namespace ShapeSafe.Checking;

/// <summary>The front-end a file is read with, decided by its extension.</summary>
public enum SourceLanguage
{
    /// <summary>A ShapeSafe model file: one PyTorch constructor a line, with an <c>input</c> line.</summary>
    ModelFile,

    /// <summary>PyTorch source: an <c>nn.Module</c> subclass with <c>__init__</c> and <c>forward</c> (<c>.py</c>).</summary>
    Python,
}
