namespace ShapeSafe.Shapes.Symbolic;

/// <summary>
/// A product of atoms, sorted and with repetition (<c>N*H*H</c>). Monomials order by degree, highest first, then
/// factor by factor, a monomial order: multiplying two monomials by the same one keeps their order.
/// </summary>
internal sealed class SymMonomial : IComparable<SymMonomial>, IEquatable<SymMonomial>
{
    private readonly SymAtom[] _factors;
    private int _hash;

    private SymMonomial(SymAtom[] sortedFactors) => _factors = sortedFactors;

    public static SymMonomial Of(SymAtom atom) => new([atom]);

    public int Degree => _factors.Length;

    public ReadOnlySpan<SymAtom> Factors => _factors;

    /// <summary>The atom when the monomial is a single factor, else null.</summary>
    public SymAtom? Single => _factors.Length == 1 ? _factors[0] : null;

    public SymMonomial Multiply(SymMonomial other)
    {
        var merged = new SymAtom[_factors.Length + other._factors.Length];
        int i = 0, j = 0, k = 0;
        while (i < _factors.Length && j < other._factors.Length)
        {
            merged[k++] = _factors[i].CompareTo(other._factors[j]) <= 0 ? _factors[i++] : other._factors[j++];
        }

        while (i < _factors.Length)
        {
            merged[k++] = _factors[i++];
        }

        while (j < other._factors.Length)
        {
            merged[k++] = other._factors[j++];
        }

        return new SymMonomial(merged);
    }

    /// <summary>
    /// This monomial divided by <paramref name="divisor"/> when every factor of the divisor occurs here (as often);
    /// <paramref name="quotient"/> is null for a quotient of 1.
    /// </summary>
    public bool TryDivide(SymMonomial divisor, out SymMonomial? quotient)
    {
        quotient = null;
        if (divisor._factors.Length > _factors.Length)
        {
            return false;
        }

        var rest = new List<SymAtom>(_factors.Length - divisor._factors.Length);
        var j = 0;
        foreach (var factor in _factors)
        {
            var order = j < divisor._factors.Length ? factor.CompareTo(divisor._factors[j]) : -1;
            if (order == 0)
            {
                j++;
            }
            else if (order < 0 || j >= divisor._factors.Length)
            {
                rest.Add(factor);
            }
            else
            {
                return false;
            }
        }

        if (j < divisor._factors.Length)
        {
            return false;
        }

        quotient = rest.Count == 0 ? null : new SymMonomial([.. rest]);
        return true;
    }

    public int CompareTo(SymMonomial? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        if (_factors.Length != other._factors.Length)
        {
            return other._factors.Length.CompareTo(_factors.Length);
        }

        for (var i = 0; i < _factors.Length; i++)
        {
            var order = _factors[i].CompareTo(other._factors[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    public bool Equals(SymMonomial? other) =>
        other is not null && (ReferenceEquals(this, other) || (GetHashCode() == other.GetHashCode() && CompareTo(other) == 0));

    public override bool Equals(object? obj) => Equals(obj as SymMonomial);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            foreach (var factor in _factors)
            {
                hash.Add(factor);
            }

            var h = hash.ToHashCode();
            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }
}
