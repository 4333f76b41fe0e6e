using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>An int: a <see cref="Dim"/>, so sizes read from shapes (known or symbolic) are ints like any other.</summary>
public sealed class PyInt : PyValue
{
    private static readonly PyInt[] Small = MakeSmall();

    private PyInt(Dim value) => Value = value;

    public Dim Value { get; }

    public bool IsKnown => Value.IsKnown;

    public override string TypeName => "int";

    public override bool? Truth => Value.IsKnown ? Value.Value != 0 : null;

    public static PyInt Of(long value) => value is >= -8 and < 1024 ? Small[value + 8] : new PyInt(Dim.Known(value));

    public static PyInt Of(Dim value) => value.IsKnown ? Of(value.Value) : new PyInt(value);

    public override string ToString() => Value.ToString();

    private static PyInt[] MakeSmall()
    {
        var small = new PyInt[1032];
        for (var i = 0; i < small.Length; i++)
        {
            small[i] = new PyInt(Dim.Known(i - 8));
        }

        return small;
    }
}
