namespace ShapeSafe.Dataflow;

/// <summary>
/// How a tensor stored on a module was made in <c>__init__</c>: the factory (<c>randn</c>, <c>rand</c>, <c>zeros</c>,
/// <c>ones</c>, <c>full</c>, <c>empty</c>, <c>tensor</c>, or <c>unknown</c>) and, for <c>full</c> (and a one-value
/// <c>tensor</c>), the fill value. Enough for a runtime to create it; values come from a checkpoint otherwise.
/// </summary>
public sealed record TensorInit(string Factory, double? Fill = null)
{
    public static readonly TensorInit Unknown = new("unknown");

    public override string ToString() => Fill is { } f ? $"{Factory}({f.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : Factory;
}
