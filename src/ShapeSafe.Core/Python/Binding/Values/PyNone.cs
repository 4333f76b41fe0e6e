namespace ShapeSafe.Python.Binding.Values;

/// <summary><c>None</c>.</summary>
public sealed class PyNone : PyValue
{
    public static readonly PyNone Instance = new();

    private PyNone()
    {
    }

    public override string TypeName => "NoneType";

    public override bool? Truth => false;

    public override string ToString() => "None";
}
