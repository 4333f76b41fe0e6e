namespace ShapeSafe.Python.Binding.Values;

/// <summary><c>True</c> or <c>False</c> (one instance each).</summary>
public sealed class PyBool : PyValue
{
    public static readonly PyBool True = new(true);
    public static readonly PyBool False = new(false);

    private PyBool(bool value) => Value = value;

    public bool Value { get; }

    public override string TypeName => "bool";

    public override bool? Truth => Value;

    public static PyBool Of(bool value) => value ? True : False;

    public override string ToString() => Value ? "True" : "False";
}
