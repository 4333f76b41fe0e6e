using ShapeSafe.Shapes;

namespace ShapeSafe.Dataflow;

/// <summary>
/// The abstract value a node produces: a tensor of known or symbolic shape, a size, a sequence of
/// values, a plain constant, or unknown (the engine could not follow it and checks nothing that depends on it).
/// </summary>
public abstract record GraphValue;

/// <summary>A tensor: only its shape is tracked.</summary>
public sealed record TensorValue(Shape Shape) : GraphValue
{
    public override string ToString() => Shape.ToString();
}

/// <summary>An integer computed from shapes (<c>x.size(0)</c>, <c>c * h * w</c>): known or symbolic.</summary>
public sealed record SizeValue(Dim Size) : GraphValue
{
    public override string ToString() => Size.ToString();
}

/// <summary>A tuple or list of values (<c>torch.split</c>'s pieces, <c>x.shape</c>).</summary>
public sealed record SequenceValue(IReadOnlyList<GraphValue> Items) : GraphValue
{
    /// <summary>Equal when the items are equal, in order.</summary>
    public bool Equals(SequenceValue? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "(" + string.Join(", ", Items) + ")";
}

/// <summary>A plain Python constant (a float, a string, None, a bool).</summary>
public sealed record ConstantValue(object? Value) : GraphValue
{
    public override string ToString() => Value?.ToString() ?? "None";
}

/// <summary>A value the engine did not follow; <see cref="Reason"/> says what it was.</summary>
public sealed record UnknownValue(string Reason) : GraphValue
{
    public override string ToString() => "?";
}
