using ShapeSafe.Shapes;
using ShapeSafe.Dataflow;

namespace ShapeSafe.Onnx.Export;

/// <summary>A size the check knows only symbolically (<c>x.size(0)</c> with a dynamic batch): usable where the exporter reads the static result shape instead.</summary>
internal sealed record SymbolicSize(Dim Size);
