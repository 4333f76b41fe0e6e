using System.Text;

namespace ShapeSafe.Shapes.Symbolic;

/// <summary>
/// An indivisible factor of a <see cref="SymExpr"/> monomial: a named symbol, or a floor division, modulo or
/// scaled floor that could not be simplified away. Atoms are immutable, compare structurally, and have a
/// total order so that canonical forms are unique.
/// </summary>
internal abstract class SymAtom : IComparable<SymAtom>, IEquatable<SymAtom>
{
    private int _hash;

    /// <summary>Rank of the atom's kind in the canonical order (symbols first).</summary>
    protected abstract int KindOrder { get; }

    /// <summary>True when the atom's text can stand as a factor of a product without parentheses.</summary>
    public abstract bool IsPrimary { get; }

    public int CompareTo(SymAtom? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        var kind = KindOrder.CompareTo(other.KindOrder);
        return kind != 0 ? kind : CompareSameKind(other);
    }

    public bool Equals(SymAtom? other) =>
        other is not null && (ReferenceEquals(this, other) || (GetHashCode() == other.GetHashCode() && CompareTo(other) == 0));

    public override bool Equals(object? obj) => Equals(obj as SymAtom);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = ComputeHash();
            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        Render(text);
        return text.ToString();
    }

    /// <summary>Compares with an atom of the same kind.</summary>
    protected abstract int CompareSameKind(SymAtom other);

    protected abstract int ComputeHash();

    /// <summary>Writes the atom as Python-like text, without surrounding parentheses.</summary>
    public abstract void Render(StringBuilder text);

    /// <summary>The atom with the given symbols replaced by values, simplified.</summary>
    public abstract SymExpr Substitute(IReadOnlyDictionary<string, long> values);

    /// <summary>Adds the names of the symbols the atom mentions.</summary>
    public abstract void CollectSymbols(HashSet<string> names);
}
