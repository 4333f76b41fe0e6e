using System.Collections;

namespace ShapeSafe.Shapes;

/// <summary>An immutable tensor shape, batch first, written <c>Nx3x64x64</c>.</summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly Dim[] _dims;

    public Shape(IEnumerable<Dim> dims) => _dims = dims.ToArray();

    public Shape(params Dim[] dims) => _dims = (Dim[])dims.Clone();

    public static Shape Of(params long[] sizes) => new(sizes.Select(Dim.Known));

    public int Rank => _dims.Length;

    public int Count => _dims.Length;

    public Dim this[int index] => _dims[index];

    /// <summary>True when every dimension is known.</summary>
    public bool IsFullyKnown => Array.TrueForAll(_dims, d => d.IsKnown);

    /// <summary>Product of the dimensions from <paramref name="start"/> to the end.</summary>
    public Dim Product(int start = 0, int endExclusive = -1)
    {
        var end = endExclusive < 0 ? _dims.Length : endExclusive;
        var result = Dim.Known(1);
        for (var i = start; i < end; i++)
        {
            result *= _dims[i];
        }

        return result;
    }

    /// <summary>Known element count of the dimensions after the batch, or null when any is symbolic.</summary>
    public long? KnownProduct(int start, int endExclusive = -1)
    {
        var p = Product(start, endExclusive);
        return p.IsKnown ? p.Value : null;
    }

    public Shape WithDim(int index, Dim dim)
    {
        var copy = (Dim[])_dims.Clone();
        copy[index] = dim;
        return new Shape(copy);
    }

    public Shape Slice(int start, int endExclusive) => new(_dims[start..endExclusive]);

    public Shape Concat(IEnumerable<Dim> tail) => new(_dims.Concat(tail));

    public int[]? ToIntArray() => IsFullyKnown ? _dims.Select(d => checked((int)d.Value)).ToArray() : null;

    public long[]? ToLongArray() => IsFullyKnown ? _dims.Select(d => d.Value).ToArray() : null;

    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Shape? other)
    {
        if (other is null || other._dims.Length != _dims.Length)
        {
            return false;
        }

        for (var i = 0; i < _dims.Length; i++)
        {
            if (!_dims[i].SameAs(other._dims[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Shape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    /// <summary>Written as in the model files and the CLI: <c>128x3x64x64</c>.</summary>
    public override string ToString() => Rank == 0 ? "scalar" : string.Join("x", _dims.Select(d => d.ToAtom()));

    /// <summary>Written as PyTorch prints it: <c>[128, 3, 64, 64]</c>.</summary>
    public string ToTorchString() => "[" + string.Join(", ", _dims.Select(d => d.ToString())) + "]";
}
