using ShapeSafe.Dataflow;
using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>
/// An abstract tensor: its shape (null when even the rank is unknown), the graph node that produced it, and what the
/// warnings need: which dimension is the model input's batch, what a flatten received, and whether it is still the
/// multi-dimensional output of a convolution or pooling.
/// </summary>
public sealed class PyTensor : PyValue
{
    public PyTensor(Shape? shape, Node? node)
    {
        Shape = shape;
        Node = node;
    }

    /// <summary>The shape; null when not known.</summary>
    public Shape? Shape { get; }

    public Node? Node { get; }

    /// <summary>The dimension that holds the model input's batch, or -1 when none is tracked.</summary>
    public int BatchAxis { get; init; } = -1;

    /// <summary>When the last dimension was made by a flatten: the shape the flatten received (for <c>32 * 16 * 16</c> fixes).</summary>
    public Shape? FlattenedFrom { get; init; }

    /// <summary>The layer or op that last changed the shape, with its line, for "conv2 → pool (line 6)" origins.</summary>
    public TensorOrigin? Origin { get; init; }

    /// <summary>The element type when known (<c>bool</c> from comparisons, <c>long</c> from argmax or arange), else null.</summary>
    public string? DType { get; init; }

    /// <summary>True when this is the output of a convolution or pooling (rank above 2) not yet flattened.</summary>
    public bool IsSpatial { get; init; }

    /// <summary>The factory that made it (<c>torch.randn</c>, <c>torch.full(..., 0.5)</c>), for tensors stored on modules; null when not made by one.</summary>
    public TensorInit? Init { get; init; }

    /// <summary>True for an <c>nn.Parameter</c> (assigned to a module, it is registered as a parameter).</summary>
    public bool IsParameter { get; init; }

    public override string TypeName => "Tensor";

    public override bool? Truth => null;

    public override string ToString() => Shape?.ToString() ?? "Tensor(?)";
}
