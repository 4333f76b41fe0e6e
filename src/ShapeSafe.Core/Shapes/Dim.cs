using System.Globalization;
using ShapeSafe.Shapes.Symbolic;

namespace ShapeSafe.Shapes;

/// <summary>
/// One tensor dimension: either a known size or a symbolic one, a <see cref="SymExpr"/> over names such as <c>N</c>
/// (<c>N</c>, <c>4*N</c>, <c>(H+1)//2</c>). Never a -1 stand-in. Always canonical: an expression that folds to a
/// constant is a known size, so equality is structural and agrees with <see cref="SameAs"/>. A known size is a long
/// and a null reference; arithmetic on known sizes allocates nothing and throws <see cref="OverflowException"/> on overflow.
/// </summary>
public readonly record struct Dim
{
    private static readonly string[] NoSymbols = [];

    private readonly long _value;
    private readonly SymExpr? _expression;

    private Dim(long value, SymExpr? expression)
    {
        _value = value;
        _expression = expression;
    }

    /// <summary>The size when known; 0 when <see cref="IsSymbolic"/>.</summary>
    public long Value => _value;

    /// <summary>The symbolic expression as Python-like text (<c>N</c>, <c>4*N</c>), or null for a known size.</summary>
    public string? Symbol => _expression?.ToString();

    /// <summary>The symbolic expression, or null for a known size.</summary>
    public SymExpr? Expression => _expression;

    public bool IsKnown => _expression is null;

    public bool IsSymbolic => _expression is not null;

    /// <summary>The names of the symbols the size depends on (empty for a known size).</summary>
    public IReadOnlyCollection<string> Symbols => _expression?.Symbols ?? NoSymbols;

    public static Dim Known(long value) => new(value, null);

    /// <summary>
    /// A named symbol (<c>N</c>). Text that is not a name is read as an expression of names (<c>H-2</c>, <c>2*N</c>);
    /// text that is neither stays one opaque symbol.
    /// </summary>
    public static Dim Sym(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (SymbolAtom.CheckIdentifier(symbol))
        {
            return new Dim(0, SymExpr.Symbol(symbol));
        }

        return FromExpression(SymExpr.TryParse(symbol, out var parsed, out _) ? parsed : SymExpr.Symbol(symbol.Trim()));
    }

    /// <summary>The size an expression stands for: known when it folds to a constant.</summary>
    public static Dim FromExpression(SymExpr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.TryGetConstant(out var value) ? new Dim(value, null) : new Dim(0, expression);
    }

    public static implicit operator Dim(long value) => Known(value);

    /// <summary>Product of dimensions; symbolic when any factor is.</summary>
    public static Dim operator *(Dim a, Dim b)
    {
        if (a._expression is null && b._expression is null)
        {
            return Known(checked(a._value * b._value));
        }

        if (a._expression is null && a._value == 1)
        {
            return b;
        }

        if (b._expression is null && b._value == 1)
        {
            return a;
        }

        return FromExpression(a.ToExpression() * b.ToExpression());
    }

    public static Dim operator +(Dim a, Dim b)
    {
        if (a._expression is null && b._expression is null)
        {
            return Known(checked(a._value + b._value));
        }

        return FromExpression(a.ToExpression() + b.ToExpression());
    }

    public static Dim operator -(Dim a, Dim b)
    {
        if (a._expression is null && b._expression is null)
        {
            return Known(checked(a._value - b._value));
        }

        return FromExpression(a.ToExpression() - b.ToExpression());
    }

    public static Dim operator -(Dim a) => a._expression is null ? Known(checked(-a._value)) : FromExpression(-a._expression);

    /// <summary>Python's <c>a // b</c> (rounding toward negative infinity); throws <see cref="DivideByZeroException"/> for b = 0.</summary>
    public static Dim FloorDiv(Dim a, Dim b)
    {
        if (a._expression is null && b._expression is null)
        {
            return Known(IntMath.FloorDiv(a._value, b._value));
        }

        return FromExpression(SymExpr.FloorDiv(a.ToExpression(), b.ToExpression()));
    }

    /// <summary>Python's <c>a % b</c> (zero or the sign of b); throws <see cref="DivideByZeroException"/> for b = 0.</summary>
    public static Dim Mod(Dim a, Dim b)
    {
        if (a._expression is null && b._expression is null)
        {
            return Known(IntMath.Mod(a._value, b._value));
        }

        return FromExpression(SymExpr.Mod(a.ToExpression(), b.ToExpression()));
    }

    /// <summary>
    /// <c>floor(a * scale)</c> computed in double precision, as interpolation sizes its output. For a symbolic size an
    /// integer-valued scale gives <c>scale*a</c>; another stays a term written <c>floor(a*scaleText)</c>.
    /// </summary>
    public static Dim FloorScale(Dim a, double scale, string scaleText)
    {
        if (a._expression is null)
        {
            return Known(checked((long)Math.Floor(a._value * scale)));
        }

        return FromExpression(SymExpr.FloorScale(a._expression, scale, scaleText));
    }

    /// <summary>
    /// <c>a / b</c> when the division is exact and that can be decided (<c>8192*N / 2048 = 4*N</c>); null when it is
    /// not exact or depends on the symbols' values (<c>N / 2</c>, <c>6 / 4</c>, anything / 0).
    /// </summary>
    public static Dim? DivideExact(Dim a, Dim b)
    {
        if (a._expression is null && b._expression is null)
        {
            return b._value != 0 && a._value % b._value == 0 ? Known(checked(a._value / b._value)) : null;
        }

        return SymExpr.DivideExact(a.ToExpression(), b.ToExpression()) is { } quotient ? FromExpression(quotient) : null;
    }

    /// <summary>True when both are known and equal, or both are the same symbolic expression.</summary>
    public bool SameAs(Dim other) => _expression is null
        ? other._expression is null && other._value == _value
        : _expression.Equals(other._expression);

    /// <summary>
    /// True or false when the sizes are equal, or differ, for every value of the symbols (<c>N</c> vs <c>N+1</c>: false);
    /// null when that depends on the values (<c>N</c> vs <c>M</c>, <c>4*N</c> vs <c>8192</c>).
    /// </summary>
    public bool? TryEquals(Dim other)
    {
        if (_expression is null && other._expression is null)
        {
            return _value == other._value;
        }

        return ToExpression().TryEquals(other.ToExpression());
    }

    /// <summary>
    /// True or false when the size is, or is not, a multiple of <paramref name="divisor"/> for every value of the symbols
    /// (<c>4*N</c> by 2: true; <c>6</c> by 4: false); null when that depends on the values (<c>N</c> by 2).
    /// </summary>
    public bool? IsDivisibleBy(long divisor)
    {
        if (divisor == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "divisibility by 0 is not defined");
        }

        return _expression is null ? IntMath.Mod(_value, divisor) == 0 : _expression.IsDivisibleBy(divisor);
    }

    /// <summary>The size with the given symbols replaced by values: known when every symbol it mentions has one.</summary>
    public Dim Substitute(IReadOnlyDictionary<string, long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return _expression is null ? this : FromExpression(_expression.Substitute(values));
    }

    /// <summary>Text used inside a larger expression or a shape: anything but a number or a name is parenthesized.</summary>
    public string ToAtom() => _expression is null ? _value.ToString(CultureInfo.InvariantCulture)
        : _expression.IsIdentifier ? _expression.ToString()
        : $"({_expression})";

    public override string ToString() => _expression is null ? _value.ToString(CultureInfo.InvariantCulture) : _expression.ToString();

    private SymExpr ToExpression() => _expression ?? SymExpr.Constant(_value);
}
