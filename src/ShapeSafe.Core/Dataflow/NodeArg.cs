namespace ShapeSafe.Dataflow;

/// <summary>
/// One argument of a node as torch.fx keeps it: a reference to another node's value (a tensor, or a size read from a
/// tensor), a constant, a list or tuple of arguments, or a slice. With these a graph can be run again: on other input
/// shapes by the shape interpreter, on real tensors by the runtime.
/// </summary>
public abstract record NodeArg;

/// <summary>The value another node produced (a tensor, or a size such as <c>x.size(0)</c>).</summary>
public sealed record NodeRefArg(Node Node) : NodeArg;

/// <summary>A constant: a long, a double, a bool, a string, or null (Python's None); <see cref="Ellipsis"/> for <c>...</c>.</summary>
public sealed record ConstArg(object? Value) : NodeArg
{
    /// <summary>Python's <c>...</c> (in an index).</summary>
    public static readonly object Ellipsis = new EllipsisMarker();

    private sealed class EllipsisMarker
    {
        public override string ToString() => "...";
    }
}

/// <summary>A list or tuple of arguments (<c>torch.cat([a, b])</c>, <c>view((b, -1))</c>, an index tuple).</summary>
public sealed record ListArg(IReadOnlyList<NodeArg> Items, bool IsTuple) : NodeArg
{
    /// <summary>Equal when both are lists (or both tuples) of equal items, in order.</summary>
    public bool Equals(ListArg? other) => other is not null && IsTuple == other.IsTuple && Items.SequenceEqual(other.Items);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsTuple);
        foreach (var item in Items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// The module's training flag (<c>self.training</c>, as in <c>F.dropout(x, training=self.training)</c>): the checker
/// reads it as True (PyTorch's default mode); a runtime passes its own mode (eval or train).
/// </summary>
public sealed record TrainingFlagArg : NodeArg
{
    public static readonly TrainingFlagArg Instance = new();
}

/// <summary>A slice in an index (<c>x[1:-1]</c>); each part may be null.</summary>
public sealed record SliceArg(NodeArg? Start, NodeArg? Stop, NodeArg? Step) : NodeArg;
