using System.Globalization;

namespace ShapeSafe.Shapes;

/// <summary>
/// One tensor dimension: either a known size or a symbolic one (a name such as <c>N</c>, or an
/// expression derived from names). Never a -1 stand-in.
/// </summary>
public readonly record struct Dim
{
    private Dim(long value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The size when known; meaningless when <see cref="IsSymbolic"/>.</summary>
    public long Value { get; }

    /// <summary>The symbolic name or expression, or null for a known size.</summary>
    public string? Symbol { get; }

    public bool IsKnown => Symbol is null;

    public bool IsSymbolic => Symbol is not null;

    public static Dim Known(long value) => new(value, null);

    public static Dim Sym(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new Dim(0, symbol);
    }

    public static implicit operator Dim(long value) => Known(value);

    /// <summary>Product of dimensions; symbolic when any factor is.</summary>
    public static Dim operator *(Dim a, Dim b)
    {
        if (a.IsKnown && b.IsKnown)
        {
            return Known(checked(a.Value * b.Value));
        }

        if (a.IsKnown && a.Value == 1)
        {
            return b;
        }

        if (b.IsKnown && b.Value == 1)
        {
            return a;
        }

        return Sym($"{a.ToAtom()}*{b.ToAtom()}");
    }

    /// <summary>True when both are known and equal, or both are the same symbol.</summary>
    public bool SameAs(Dim other) => IsKnown ? other.IsKnown && other.Value == Value : Symbol == other.Symbol;

    /// <summary>Text used inside a larger expression: composite symbols are parenthesized.</summary>
    public string ToAtom() => IsKnown ? Value.ToString(CultureInfo.InvariantCulture)
        : Symbol!.Any(c => !char.IsLetterOrDigit(c) && c != '_') ? $"({Symbol})" : Symbol!;

    public override string ToString() => IsKnown ? Value.ToString(CultureInfo.InvariantCulture) : Symbol!;
}
