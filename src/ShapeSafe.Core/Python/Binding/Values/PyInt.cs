using ShapeSafe.Shapes;

namespace ShapeSafe.Python.Binding.Values;

/// <summary>An int: a <see cref="Dim"/>, so sizes read from shapes (known or symbolic) are ints like any other.</summary>
public sealed class PyInt : PyValue
{
    private static readonly PyInt[] Small = MakeSmall();

    private PyInt(Dim value) => Value = value;

    public Dim Value { get; }

    /// <summary>
    /// The graph node that computed this int from a tensor's shape (<c>x.size(0)</c>, <c>b * c</c>); null for an int with
    /// no tensor provenance (a constant). An item of a size tuple gets its <c>getitem</c> node when first used (<see cref="Source"/>).
    /// </summary>
    public Dataflow.Node? Node { get; internal set; }

    /// <summary>For an item of a size tuple not yet read by a node: the tuple's node and the item's position.</summary>
    internal (Dataflow.Node Tuple, int Index)? Source { get; set; }

    /// <summary>True when the int was read from a tensor's shape (it has or will get a node).</summary>
    public bool HasProvenance => Node is not null || Source is not null;

    public bool IsKnown => Value.IsKnown;

    public override string TypeName => "int";

    public override bool? Truth => Value.IsKnown ? Value.Value != 0 : null;

    public static PyInt Of(long value) => value is >= -8 and < 1024 ? Small[value + 8] : new PyInt(Dim.Known(value));

    public static PyInt Of(Dim value) => value.IsKnown ? Of(value.Value) : new PyInt(value);

    /// <summary>An int computed by <paramref name="node"/> (a new object: the small ints are shared constants).</summary>
    public static PyInt Computed(Dim value, Dataflow.Node node) => new(value) { Node = node };

    /// <summary>Item <paramref name="index"/> of the size tuple <paramref name="tuple"/> produced.</summary>
    public static PyInt ItemOf(Dim value, Dataflow.Node tuple, int index) => new(value) { Source = (tuple, index) };

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
