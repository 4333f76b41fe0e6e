using ShapeSafe.Shapes;

namespace ShapeSafe.Ops;

/// <summary>
/// What a tensor operation produces: one tensor (<see cref="Output"/>), several (<see cref="Outputs"/>: split,
/// chunk, unbind, or values and indices of max/sort/topk with a dim), a size (<see cref="Size"/>: numel, size(dim),
/// dim), the error PyTorch raises (<see cref="Error"/>), or, when the result depends on sizes known only at run time
/// (how many pieces split makes of a symbolic dim), the reason it is <see cref="Unknown"/>. Exactly one of them is set.
/// </summary>
public sealed class OpResult
{
    private OpResult(Shape? output, IReadOnlyList<Shape>? outputs, Dim? size, OpError? error, string? unknown = null)
    {
        Unknown = unknown;
        Output = output;
        Outputs = outputs;
        Size = size;
        Error = error;
    }

    public Shape? Output { get; }

    public IReadOnlyList<Shape>? Outputs { get; }

    public Dim? Size { get; }

    public OpError? Error { get; }

    /// <summary>Why the result cannot be known statically (no error is implied); null otherwise.</summary>
    public string? Unknown { get; }

    public bool Failed => Error is not null;

    public static OpResult Ok(Shape output) => new(output, null, null, null);

    public static OpResult Many(IReadOnlyList<Shape> outputs) => new(null, outputs, null, null);

    public static OpResult Many(params Shape[] outputs) => new(null, outputs, null, null);

    public static OpResult OfSize(Dim size) => new(null, null, size, null);

    public static OpResult Fail(OpError error) => new(null, null, null, error);

    /// <summary>A result that depends on run-time sizes; <paramref name="reason"/> says which.</summary>
    public static OpResult NotKnown(string reason) => new(null, null, null, null, reason);

    public override string ToString() =>
        Error is not null ? Error.ToString()
        : Output is not null ? Output.ToString()
        : Outputs is not null ? "(" + string.Join(", ", Outputs) + ")"
        : Unknown is not null ? "?"
        : Size!.Value.ToString();
}
