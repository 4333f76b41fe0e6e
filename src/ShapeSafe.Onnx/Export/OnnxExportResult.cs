using ShapeSafe.Diagnostics;
using ShapeSafe.Onnx.Proto;

namespace ShapeSafe.Onnx.Export;

/// <summary>The exported model, or null with the diagnostics that say which op could not be mapped.</summary>
public sealed record OnnxExportResult(ModelProto? Model, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Model is not null;
}
