namespace ShapeSafe.Python.Binding.Values;

/// <summary>A str.</summary>
public sealed class PyStr(string value) : PyValue
{
    public static readonly PyStr Empty = new(string.Empty);

    public string Value { get; } = value;

    public override string TypeName => "str";

    public override bool? Truth => Value.Length > 0;

    public override string ToString() => "'" + Value + "'";
}
