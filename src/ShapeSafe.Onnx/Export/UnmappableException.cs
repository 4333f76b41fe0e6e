using ShapeSafe.Dataflow;

namespace ShapeSafe.Onnx.Export;

/// <summary>A node that has no ONNX equivalent in the exporter: becomes diagnostic SS0250 and no file is written.</summary>
internal sealed class UnmappableException(Node node, string reason) : Exception(reason)
{
    public Node Node { get; } = node;

    public string Reason { get; } = reason;
}
