namespace ShapeSafe.Ops;

/// <summary>What one item of a subscript <c>x[...]</c> is.</summary>
public enum IndexKind
{
    /// <summary>A Python int: selects one position and drops the dim.</summary>
    Integer,

    /// <summary>A slice <c>start:stop:step</c>.</summary>
    Slice,

    /// <summary><c>None</c>: a new axis of size 1.</summary>
    NewAxis,

    /// <summary><c>...</c>: as many full slices as the other items leave dims.</summary>
    Ellipsis,

    /// <summary>An integer (long) tensor or list: advanced indexing with its shape.</summary>
    LongTensor,

    /// <summary>A bool tensor (mask): selects a number of positions known only at run time.</summary>
    Mask,
}
