namespace ShapeSafe.Python.Binding.Values;

/// <summary>A float.</summary>
public sealed class PyFloat(double value) : PyValue
{
    public double Value { get; } = value;

    public override string TypeName => "float";

    public override bool? Truth => Value != 0;

    public override string ToString() => ShapeSafe.Layers.PyTorchText.Float(Value);
}
