namespace ShapeSafe.Python.Binding.Values;

/// <summary><c>...</c> (used in tensor indexing).</summary>
public sealed class PyEllipsis : PyValue
{
    public static readonly PyEllipsis Instance = new();

    private PyEllipsis()
    {
    }

    public override string TypeName => "ellipsis";

    public override string ToString() => "Ellipsis";
}
