using System.Globalization;
using System.Text;

namespace ShapeSafe.Shapes.Symbolic;

/// <summary>
/// An integer-valued symbolic expression in canonical form: a sum of monomials with non-zero integer coefficients plus a
/// constant, where a monomial is a product of atoms (named symbols, and floor divisions, modulos and scaled floors that do
/// not simplify). Equal canonical forms compare equal, so <c>N*2</c> equals <c>2*N</c> and <c>(2*N+2)//2</c> equals
/// <c>N+1</c>. Symbols stand for any integer (Python semantics for <c>//</c> and <c>%</c>), so every simplification holds
/// for every value. Arithmetic is checked: results that do not fit a long throw <see cref="OverflowException"/>.
/// Written as Python-like text: <c>4*N</c>, <c>N*H*W</c>, <c>(H+1)//2</c>, <c>2*N+2</c>.
/// </summary>
public sealed class SymExpr : IEquatable<SymExpr>, IComparable<SymExpr>
{
    private const int MaxDivisionSteps = 256;

    private static readonly SymTerm[] NoTerms = [];

    private readonly SymTerm[] _terms;
    private readonly long _constant;
    private string? _text;
    private string[]? _symbols;
    private int _hash;

    private SymExpr(SymTerm[] terms, long constant)
    {
        _terms = terms;
        _constant = constant;
    }

    /// <summary>The expression 0.</summary>
    public static SymExpr Zero { get; } = new(NoTerms, 0);

    /// <summary>True when the expression has no symbolic part.</summary>
    public bool IsConstant => _terms.Length == 0;

    /// <summary>The constant term (the whole value when <see cref="IsConstant"/>).</summary>
    public long ConstantTerm => _constant;

    /// <summary>The names of the symbols the expression mentions, in ordinal order.</summary>
    public IReadOnlyCollection<string> Symbols => _symbols ??= CollectSymbolNames();

    /// <summary>True when the expression is one named symbol written as a Python identifier (<c>N</c>, <c>H_out</c>).</summary>
    public bool IsIdentifier =>
        _terms.Length == 1 && _constant == 0 && _terms[0].Coefficient == 1 && _terms[0].Monomial.Single is SymbolAtom { IsIdentifier: true };

    internal ReadOnlySpan<SymTerm> Terms => _terms;

    public static SymExpr Constant(long value) => value == 0 ? Zero : new SymExpr(NoTerms, value);

    /// <summary>A named symbol. Any non-blank name is accepted; one that is not an identifier is an opaque atom.</summary>
    public static SymExpr Symbol(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return FromAtom(new SymbolAtom(name));
    }

    /// <summary>Parses Python-like text: integers, identifiers, <c>+ - * // %</c>, unary minus and parentheses.</summary>
    public static bool TryParse(string text, out SymExpr expr, out string error) => SymExprParser.TryParse(text, out expr, out error);

    public static SymExpr Parse(string text) =>
        SymExprParser.TryParse(text, out var expr, out var error) ? expr : throw new FormatException(error);

    public static implicit operator SymExpr(long value) => Constant(value);

    public bool TryGetConstant(out long value)
    {
        value = _constant;
        return _terms.Length == 0;
    }

    public static SymExpr operator +(SymExpr a, SymExpr b)
    {
        if (b._terms.Length == 0)
        {
            return b._constant == 0 ? a : new SymExpr(a._terms, checked(a._constant + b._constant));
        }

        if (a._terms.Length == 0)
        {
            return a._constant == 0 ? b : new SymExpr(b._terms, checked(a._constant + b._constant));
        }

        var terms = new List<SymTerm>(a._terms.Length + b._terms.Length);
        terms.AddRange(a._terms);
        terms.AddRange(b._terms);
        return Build(terms, checked(a._constant + b._constant));
    }

    public static SymExpr operator -(SymExpr a) => a.Scale(-1);

    public static SymExpr operator -(SymExpr a, SymExpr b) => a + b.Scale(-1);

    public static SymExpr operator *(SymExpr a, SymExpr b)
    {
        if (a._terms.Length == 0)
        {
            return b.Scale(a._constant);
        }

        if (b._terms.Length == 0)
        {
            return a.Scale(b._constant);
        }

        var terms = new List<SymTerm>((a._terms.Length + 1) * (b._terms.Length + 1));
        foreach (var x in a._terms)
        {
            foreach (var y in b._terms)
            {
                terms.Add(new SymTerm(checked(x.Coefficient * y.Coefficient), x.Monomial.Multiply(y.Monomial)));
            }

            if (b._constant != 0)
            {
                terms.Add(new SymTerm(checked(x.Coefficient * b._constant), x.Monomial));
            }
        }

        if (a._constant != 0)
        {
            foreach (var y in b._terms)
            {
                terms.Add(new SymTerm(checked(a._constant * y.Coefficient), y.Monomial));
            }
        }

        return Build(terms, checked(a._constant * b._constant));
    }

    /// <summary>
    /// Python's <c>a // b</c>. By a constant it simplifies: terms whose coefficient the divisor divides come out
    /// (<c>(4*N+H)//4 = N+H//4</c>), a common factor cancels (<c>(2*H+2)//4 = (H+1)//2</c>), the numerator's constant is
    /// brought into [0, b) (<c>(H-1)//2 = (H+1)//2-1</c>, written back as <c>(H-1)//2</c>) and nested divisions merge
    /// (<c>(H//2)//2 = H//4</c>). By a symbolic divisor it is exact when the division is; otherwise an opaque atom.
    /// </summary>
    public static SymExpr FloorDiv(SymExpr a, SymExpr b)
    {
        if (b._terms.Length > 0)
        {
            if (a.IsZero)
            {
                return Zero;
            }

            if (DivideExact(a, b) is { } quotient)
            {
                return quotient;
            }

            return b._terms[0].Coefficient < 0 ? FromAtom(new FloorDivAtom(-a, -b)) : FromAtom(new FloorDivAtom(a, b));
        }

        var k = b._constant;
        if (k == 0)
        {
            throw new DivideByZeroException("integer division or modulo by zero");
        }

        if (k < 0)
        {
            return FloorDiv(-a, Constant(checked(-k)));
        }

        if (a._terms.Length == 0)
        {
            return Constant(IntMath.FloorDiv(a._constant, k));
        }

        if (k == 1)
        {
            return a;
        }

        var g = a.ContentGcd(k);
        if (g > 1)
        {
            a = a.DivideCoefficients(g);
            k /= g;
            if (k == 1)
            {
                return a;
            }
        }

        var divisible = 0;
        foreach (var term in a._terms)
        {
            divisible += term.Coefficient % k == 0 ? 1 : 0;
        }

        var q = IntMath.FloorDiv(a._constant, k);
        var r = a._constant - (q * k);
        SymTerm[] rest;
        var outside = Constant(q);
        if (divisible == 0)
        {
            rest = a._terms;
        }
        else
        {
            var pulled = new List<SymTerm>(divisible);
            rest = new SymTerm[a._terms.Length - divisible];
            var n = 0;
            foreach (var term in a._terms)
            {
                if (term.Coefficient % k == 0)
                {
                    pulled.Add(new SymTerm(term.Coefficient / k, term.Monomial));
                }
                else
                {
                    rest[n++] = term;
                }
            }

            outside = Build(pulled, q);
            if (rest.Length == 0)
            {
                return outside;
            }
        }

        if (rest.Length == 1 && rest[0].Coefficient == 1 && rest[0].Monomial.Single is FloorDivAtom { Denominator.IsConstant: true } inner)
        {
            // floor((X//m + r) / k) = floor((X + r*m) / (m*k)) for integer X and positive m, k.
            var m = inner.Denominator._constant;
            return outside + FloorDiv(inner.Numerator + Constant(checked(r * m)), Constant(checked(m * k)));
        }

        return outside + FromAtom(new FloorDivAtom(r == a._constant && rest == a._terms ? a : new SymExpr(rest, r), Constant(k)));
    }

    /// <summary>
    /// Python's <c>a % b</c> (zero or the sign of b). By a constant the numerator's coefficients are reduced modulo b
    /// (<c>(4*N+1)%4 = 1</c>, <c>(5*H)%4 = H%4</c>) and a common factor comes out (<c>(2*H)%4 = 2*(H%2)</c>); by a
    /// symbolic divisor it is 0 when the division is exact, else an opaque atom.
    /// </summary>
    public static SymExpr Mod(SymExpr a, SymExpr b)
    {
        if (b._terms.Length > 0)
        {
            if (a.IsZero || DivideExact(a, b) is not null)
            {
                return Zero;
            }

            return b._terms[0].Coefficient < 0 ? -FromAtom(new ModAtom(-a, -b)) : FromAtom(new ModAtom(a, b));
        }

        var k = b._constant;
        if (k == 0)
        {
            throw new DivideByZeroException("integer division or modulo by zero");
        }

        if (k < 0)
        {
            return -Mod(-a, Constant(checked(-k)));
        }

        if (k == 1)
        {
            return Zero;
        }

        var reduced = new List<SymTerm>(a._terms.Length);
        foreach (var term in a._terms)
        {
            var c = IntMath.Mod(term.Coefficient, k);
            if (c != 0)
            {
                reduced.Add(new SymTerm(c, term.Monomial));
            }
        }

        var constant = IntMath.Mod(a._constant, k);
        if (reduced.Count == 0)
        {
            return Constant(constant);
        }

        var numerator = new SymExpr([.. reduced], constant);
        var g = numerator.ContentGcd(k);
        if (g > 1)
        {
            return Mod(numerator.DivideCoefficients(g), Constant(k / g)).Scale(g);
        }

        if (numerator._constant == 0 && reduced.Count == 1 && reduced[0].Coefficient == 1
            && reduced[0].Monomial.Single is ModAtom { Denominator.IsConstant: true } inner && inner.Denominator._constant % k == 0)
        {
            // (X % m) % k = X % k when k divides m.
            return Mod(inner.Numerator, Constant(k));
        }

        return FromAtom(new ModAtom(numerator, Constant(k)));
    }

    /// <summary>
    /// <c>floor(a * scale)</c> as interpolation computes an output size in double precision. An integer-valued scale gives
    /// <c>scale*a</c>; any other stays an atom written <c>floor(a*scaleText)</c>.
    /// </summary>
    public static SymExpr FloorScale(SymExpr a, double scale, string scaleText)
    {
        ArgumentNullException.ThrowIfNull(scaleText);
        if (a._terms.Length == 0)
        {
            return Constant(checked((long)Math.Floor(a._constant * scale)));
        }

        if (scale == Math.Floor(scale) && Math.Abs(scale) < 9.2e18)
        {
            return a.Scale((long)scale);
        }

        return FromAtom(new FloorScaleAtom(a, scale, scaleText));
    }

    /// <summary>
    /// <c>a / b</c> when it is exact for every value of the symbols and that can be shown: <c>(8192*N)/2048 = 4*N</c>,
    /// <c>(N*H+N)/(H+1) = N</c>. Null when it is not exact or cannot be decided (<c>N/2</c>, <c>8192/N</c>, <c>6/4</c>).
    /// </summary>
    public static SymExpr? DivideExact(SymExpr a, SymExpr b)
    {
        if (b._terms.Length == 0)
        {
            var k = b._constant;
            if (k == 0)
            {
                return null;
            }

            if (k == 1)
            {
                return a;
            }

            if (a._constant % k != 0)
            {
                return null;
            }

            foreach (var term in a._terms)
            {
                if (term.Coefficient % k != 0)
                {
                    return null;
                }
            }

            return a.DivideCoefficients(k);
        }

        // Division by the leading term, repeated: each step cancels the remainder's leading term, so it ends.
        var lead = b._terms[0];
        var quotient = Zero;
        var remainder = a;
        for (var step = 0; step < MaxDivisionSteps; step++)
        {
            if (remainder.IsZero)
            {
                return quotient;
            }

            if (remainder._terms.Length == 0)
            {
                return null;
            }

            var top = remainder._terms[0];
            if (top.Coefficient % lead.Coefficient != 0 || !top.Monomial.TryDivide(lead.Monomial, out var monomial))
            {
                return null;
            }

            var coefficient = top.Coefficient / lead.Coefficient;
            var step1 = monomial is null ? Constant(coefficient) : new SymExpr([new SymTerm(coefficient, monomial)], 0);
            quotient += step1;
            remainder -= step1 * b;
        }

        return null;
    }

    /// <summary>
    /// True or false when equality is decided for every value of the symbols: <c>N</c> vs <c>N+1</c> is false, as is
    /// <c>2*N</c> vs <c>2*M+1</c> (an odd difference); null when it depends on the values (<c>N</c> vs <c>M</c>,
    /// <c>4*N</c> vs <c>8192</c>).
    /// </summary>
    public bool? TryEquals(SymExpr other)
    {
        if (Equals(other))
        {
            return true;
        }

        var difference = this - other;
        if (difference._terms.Length == 0)
        {
            return difference._constant == 0;
        }

        // Each term is an integer multiple of g, so a constant that g does not divide never cancels.
        long g = 0;
        foreach (var term in difference._terms)
        {
            g = IntMath.Gcd(g, term.Coefficient);
        }

        return difference._constant % g != 0 ? false : null;
    }

    /// <summary>
    /// True or false when divisibility by <paramref name="divisor"/> holds or fails for every value of the symbols
    /// (<c>4*N</c> by 2: true; <c>2*N+1</c> by 2: false); null when it depends on the values (<c>N</c> by 2).
    /// </summary>
    public bool? IsDivisibleBy(long divisor)
    {
        if (divisor == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "divisibility by 0 is not defined");
        }

        var k = Math.Abs(divisor);
        if (k == 1)
        {
            return true;
        }

        var g = k;
        foreach (var term in _terms)
        {
            g = IntMath.Gcd(g, term.Coefficient);
        }

        if (g == k)
        {
            return _constant % k == 0;
        }

        return _constant % g != 0 ? false : null;
    }

    /// <summary>The expression with the given symbols replaced by values, simplified (a constant when no symbol is left).</summary>
    public SymExpr Substitute(IReadOnlyDictionary<string, long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_terms.Length == 0 || values.Count == 0)
        {
            return this;
        }

        var mentioned = false;
        foreach (var name in Symbols)
        {
            mentioned |= values.ContainsKey(name);
        }

        if (!mentioned)
        {
            return this;
        }

        var result = Constant(_constant);
        foreach (var term in _terms)
        {
            var product = Constant(term.Coefficient);
            foreach (var factor in term.Monomial.Factors)
            {
                product *= factor.Substitute(values);
            }

            result += product;
        }

        return result;
    }

    public bool Equals(SymExpr? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_constant != other._constant || _terms.Length != other._terms.Length || GetHashCode() != other.GetHashCode())
        {
            return false;
        }

        for (var i = 0; i < _terms.Length; i++)
        {
            if (_terms[i].Coefficient != other._terms[i].Coefficient || !_terms[i].Monomial.Equals(other._terms[i].Monomial))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as SymExpr);

    public override int GetHashCode()
    {
        if (_hash == 0)
        {
            var hash = new HashCode();
            hash.Add(_constant);
            foreach (var term in _terms)
            {
                hash.Add(term.Coefficient);
                hash.Add(term.Monomial);
            }

            var h = hash.ToHashCode();
            _hash = h == 0 ? 1 : h;
        }

        return _hash;
    }

    /// <summary>A total order on canonical forms (used to sort atoms); not a numeric comparison.</summary>
    public int CompareTo(SymExpr? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        var n = Math.Min(_terms.Length, other._terms.Length);
        for (var i = 0; i < n; i++)
        {
            var byMonomial = _terms[i].Monomial.CompareTo(other._terms[i].Monomial);
            if (byMonomial != 0)
            {
                return byMonomial;
            }

            var byCoefficient = _terms[i].Coefficient.CompareTo(other._terms[i].Coefficient);
            if (byCoefficient != 0)
            {
                return byCoefficient;
            }
        }

        var byLength = _terms.Length.CompareTo(other._terms.Length);
        return byLength != 0 ? byLength : _constant.CompareTo(other._constant);
    }

    /// <summary>Python-like text with the fewest parentheses that keep Python's precedence: <c>4*N</c>, <c>N*(H//2)</c>, <c>(H-1)//2</c>.</summary>
    public override string ToString()
    {
        if (_text is null)
        {
            if (_terms.Length == 0)
            {
                _text = _constant.ToString(CultureInfo.InvariantCulture);
            }
            else if (_constant == 0 && _terms.Length == 1 && _terms[0].Coefficient == 1 && _terms[0].Monomial.Single is SymbolAtom symbol)
            {
                _text = symbol.Name;
            }
            else
            {
                var text = new StringBuilder();
                Render(text);
                _text = text.ToString();
            }
        }

        return _text;
    }

    internal static SymExpr FromAtom(SymAtom atom) => new([new SymTerm(1, SymMonomial.Of(atom))], 0);

    internal bool IsZero => _terms.Length == 0 && _constant == 0;

    /// <summary>Writes the expression as an operand of <c>//</c>, <c>%</c> or <c>*</c>: bare when it is one symbol or a non-negative constant.</summary>
    internal void RenderOperand(StringBuilder text)
    {
        if (_terms.Length == 0 ? _constant >= 0
            : _constant == 0 && _terms.Length == 1 && _terms[0].Coefficient == 1 && _terms[0].Monomial.Single is { IsPrimary: true })
        {
            text.Append(ToString());
        }
        else
        {
            text.Append('(').Append(ToString()).Append(')');
        }
    }

    internal void CollectSymbols(HashSet<string> names)
    {
        foreach (var term in _terms)
        {
            foreach (var factor in term.Monomial.Factors)
            {
                factor.CollectSymbols(names);
            }
        }
    }

    /// <summary>Sorts, merges equal monomials, and drops zero terms.</summary>
    private static SymExpr Build(List<SymTerm> terms, long constant)
    {
        if (terms.Count == 0)
        {
            return Constant(constant);
        }

        terms.Sort(static (x, y) => x.Monomial.CompareTo(y.Monomial));
        var merged = new List<SymTerm>(terms.Count);
        foreach (var term in terms)
        {
            if (merged.Count > 0 && merged[^1].Monomial.Equals(term.Monomial))
            {
                merged[^1] = merged[^1] with { Coefficient = checked(merged[^1].Coefficient + term.Coefficient) };
            }
            else
            {
                merged.Add(term);
            }
        }

        merged.RemoveAll(static t => t.Coefficient == 0);
        return merged.Count == 0 ? Constant(constant) : new SymExpr([.. merged], constant);
    }

    private SymExpr Scale(long factor)
    {
        if (factor == 1)
        {
            return this;
        }

        if (factor == 0)
        {
            return Zero;
        }

        var terms = new SymTerm[_terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = new SymTerm(checked(_terms[i].Coefficient * factor), _terms[i].Monomial);
        }

        return new SymExpr(terms, checked(_constant * factor));
    }

    /// <summary>Every coefficient and the constant divided by <paramref name="divisor"/>, which divides them all.</summary>
    private SymExpr DivideCoefficients(long divisor)
    {
        var terms = new SymTerm[_terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = new SymTerm(checked(_terms[i].Coefficient / divisor), _terms[i].Monomial);
        }

        return new SymExpr(terms, checked(_constant / divisor));
    }

    /// <summary>The gcd of the term coefficients, the constant, and <paramref name="with"/>.</summary>
    private long ContentGcd(long with)
    {
        var g = IntMath.Gcd(with, _constant);
        foreach (var term in _terms)
        {
            g = IntMath.Gcd(g, term.Coefficient);
        }

        return g;
    }

    private void Render(StringBuilder text)
    {
        // A negative constant goes back into the first floor division with coefficient 1, as convolution formulas
        // read: (H+1)//2-1 is written (H-1)//2. A positive one stays outside: H//3+7, not (H+21)//3.
        var absorbInto = -1;
        long shift = 0;
        if (_constant < 0)
        {
            for (var i = 0; i < _terms.Length; i++)
            {
                if (_terms[i].Coefficient == 1 && _terms[i].Monomial.Single is FloorDivAtom { Denominator.IsConstant: true } division)
                {
                    var product = (Int128)_constant * division.Denominator._constant;
                    if (product >= long.MinValue && product <= long.MaxValue
                        && (Int128)division.Numerator._constant + product >= long.MinValue && (Int128)division.Numerator._constant + product <= long.MaxValue)
                    {
                        absorbInto = i;
                        shift = (long)product;
                    }

                    break;
                }
            }
        }

        for (var i = 0; i < _terms.Length; i++)
        {
            var term = _terms[i];
            var negative = term.Coefficient < 0;
            if (negative)
            {
                text.Append('-');
            }
            else if (i > 0)
            {
                text.Append('+');
            }

            if (i == absorbInto)
            {
                var division = (FloorDivAtom)term.Monomial.Single!;
                new SymExpr(division.Numerator._terms, division.Numerator._constant + shift).RenderOperand(text);
                text.Append("//");
                division.Denominator.RenderOperand(text);
                continue;
            }

            var magnitude = negative ? -(Int128)term.Coefficient : term.Coefficient;
            var inProduct = magnitude != 1 || term.Monomial.Degree > 1;
            if (magnitude != 1)
            {
                text.Append(magnitude.ToString(CultureInfo.InvariantCulture)).Append('*');
            }

            var first = true;
            foreach (var factor in term.Monomial.Factors)
            {
                if (!first)
                {
                    text.Append('*');
                }

                first = false;
                // Python reads -H//2 as (-H)//2, so a leading minus needs the parentheses; N-H//2 does not.
                var parenthesize = !factor.IsPrimary && (inProduct || (negative && i == 0) || factor is SymbolAtom);
                if (parenthesize)
                {
                    text.Append('(');
                    factor.Render(text);
                    text.Append(')');
                }
                else
                {
                    factor.Render(text);
                }
            }
        }

        if (absorbInto < 0 && _constant != 0)
        {
            text.Append(_constant < 0 ? "-" : "+").Append((_constant < 0 ? -(Int128)_constant : _constant).ToString(CultureInfo.InvariantCulture));
        }
    }

    private string[] CollectSymbolNames()
    {
        if (_terms.Length == 0)
        {
            return [];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectSymbols(names);
        var sorted = names.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
