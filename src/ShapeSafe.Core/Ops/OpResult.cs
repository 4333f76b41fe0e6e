using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// What a tensor operation produces: one tensor (<see cref="Output"/>), several (<see cref="Outputs"/>: split,
/// chunk, unbind, or values and indices of max/sort/topk with a dim), a size (<see cref="Size"/>: numel, size(dim),
/// dim), or the error PyTorch raises (<see cref="Error"/>). Exactly one of them is set.
/// </summary>
public sealed class OpResult
{
    private OpResult(Shape? output, IReadOnlyList<Shape>? outputs, Dim? size, OpError? error)
    {
        Output = output;
        Outputs = outputs;
        Size = size;
        Error = error;
    }

    public Shape? Output { get; }

    public IReadOnlyList<Shape>? Outputs { get; }

    public Dim? Size { get; }

    public OpError? Error { get; }

    public bool Failed => Error is not null;

    public static OpResult Ok(Shape output) => new(output, null, null, null);

    public static OpResult Many(IReadOnlyList<Shape> outputs) => new(null, outputs, null, null);

    public static OpResult Many(params Shape[] outputs) => new(null, outputs, null, null);

    public static OpResult OfSize(Dim size) => new(null, null, size, null);

    public static OpResult Fail(OpError error) => new(null, null, null, error);

    public override string ToString() =>
        Error is not null ? Error.ToString()
        : Output is not null ? Output.ToString()
        : Outputs is not null ? "(" + string.Join(", ", Outputs) + ")"
        : Size!.Value.ToString();
}
