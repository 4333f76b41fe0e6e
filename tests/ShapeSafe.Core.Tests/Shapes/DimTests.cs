using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Shapes;

public sealed class DimTests
{
    [Theory]
    [InlineData("N", "N", "N")]
    [InlineData("H-2", "H-2", "(H-2)")]
    [InlineData("2*N", "2*N", "(2*N)")]
    [InlineData("N*H*W", "N*H*W", "(N*H*W)")]
    [InlineData("(H-1)//2+1", "(H+1)//2", "((H+1)//2)")]
    [InlineData("a.b", "a.b", "(a.b)")]
    public void SymWritesTheCanonicalExpression(string text, string symbol, string atom)
    {
        var dim = Dim.Sym(text);
        Assert.True(dim.IsSymbolic);
        Assert.False(dim.IsKnown);
        Assert.Equal(symbol, dim.Symbol);
        Assert.Equal(symbol, dim.ToString());
        Assert.Equal(atom, dim.ToAtom());
        Assert.Equal(0, dim.Value);
    }

    [Theory]
    [InlineData("N-N", 0)]
    [InlineData("2*3", 6)]
    [InlineData("(4*N+6)%4", 2)]
    public void AnExpressionThatFoldsIsKnown(string text, long value)
    {
        var dim = Dim.Sym(text);
        Assert.True(dim.IsKnown);
        Assert.Null(dim.Symbol);
        Assert.Equal(value, dim.Value);
        Assert.Equal(Dim.Known(value), dim);
    }

    [Fact]
    public void ArithmeticOnSymbolsIsReal()
    {
        var n = Dim.Sym("N");
        var h = Dim.Sym("H");
        Assert.Equal("4*N", Dim.DivideExact(n * 8192, 2048)!.Value.Symbol);
        Assert.Equal("2*N", (n * 2).Symbol);
        Assert.Equal("N*C*H*W", (Dim.Sym("W") * h * Dim.Sym("C") * n).Symbol);
        Assert.Equal("N+1", (n + 1).Symbol);
        Assert.Equal("N-1", (n - 1).Symbol);
        Assert.Equal("-N", (-n).Symbol);
        Assert.Equal("H//2", Dim.FloorDiv(h, 2).Symbol);
        Assert.Equal("H%2", Dim.Mod(h, 2).Symbol);
        Assert.Equal("floor(H*1.5)", Dim.FloorScale(h, 1.5, "1.5").Symbol);
        Assert.Equal(Dim.Known(0), n - n);
        Assert.Equal(Dim.Known(0), Dim.Mod(n * 4, 4));
        Assert.Equal(n, Dim.FloorDiv(n * 4, 4));
        Assert.Equal(n + 1, Dim.FloorDiv((n * 2) + 2, 2));
    }

    [Theory]
    [InlineData(7L, 2L, 3L, 1L)]
    [InlineData(-7L, 2L, -4L, 1L)]
    [InlineData(7L, -2L, -4L, -1L)]
    [InlineData(long.MinValue, -1, null, 0)]
    public void KnownDivisionFollowsPython(long a, long b, long? quotient, long remainder)
    {
        if (quotient is { } q)
        {
            Assert.Equal(Dim.Known(q), Dim.FloorDiv(a, b));
        }
        else
        {
            Assert.Throws<OverflowException>(() => Dim.FloorDiv(a, b));
        }

        Assert.Equal(Dim.Known(remainder), Dim.Mod(a, b));
    }

    [Fact]
    public void EqualityIsStructuralAndAgreesWithSameAs()
    {
        var pairs = new (Dim A, Dim B, bool Equal)[]
        {
            (Dim.Sym("N") * 2, Dim.Sym("2*N"), true),
            (Dim.Sym("H") * Dim.Sym("N"), Dim.Sym("N") * Dim.Sym("H"), true),
            (Dim.Sym("(H-1)//2+1"), Dim.FloorDiv(Dim.Sym("H") + 1, 2), true),
            (Dim.Known(3), 3, true),
            (Dim.Sym("N"), Dim.Sym("M"), false),
            (Dim.Sym("N"), Dim.Known(0), false),
            (Dim.Known(3), Dim.Known(4), false),
        };
        foreach (var (a, b, equal) in pairs)
        {
            Assert.Equal(equal, a == b);
            Assert.Equal(equal, a.SameAs(b));
            Assert.Equal(equal, b.SameAs(a));
            if (equal)
            {
                Assert.Equal(a.GetHashCode(), b.GetHashCode());
            }
        }
    }

    [Theory]
    [InlineData("N", "N+1", false)]
    [InlineData("N", "M", null)]
    [InlineData("4*N", "8192", null)]
    [InlineData("N*2", "2*N", true)]
    [InlineData("2*N", "2*M+1", false)]
    [InlineData("8", "8", true)]
    [InlineData("8", "9", false)]
    public void TryEqualsDecidesWhenItCan(string left, string right, bool? expected)
    {
        Assert.Equal(expected, Dim.Sym(left).TryEquals(Dim.Sym(right)));
        Assert.Equal(expected, Dim.Sym(right).TryEquals(Dim.Sym(left)));
    }

    [Theory]
    [InlineData("4*N", 2, true)]
    [InlineData("N", 2, null)]
    [InlineData("6", 4, false)]
    [InlineData("6", -3, true)]
    [InlineData("2*N+1", 2, false)]
    public void IsDivisibleByDecidesWhenItCan(string text, long divisor, bool? expected) =>
        Assert.Equal(expected, Dim.Sym(text).IsDivisibleBy(divisor));

    [Theory]
    [InlineData("8192*N", "2048", "4*N")]
    [InlineData("N*H*W", "H*W", "N")]
    [InlineData("12", "4", "3")]
    [InlineData("N", "2", null)]
    [InlineData("6", "4", null)]
    [InlineData("6", "0", null)]
    [InlineData("8192", "N", null)]
    public void DivideExactGivesTheQuotientOnlyWhenExact(string dividend, string divisor, string? expected) =>
        Assert.Equal(expected, Dim.DivideExact(Dim.Sym(dividend), Dim.Sym(divisor))?.ToString());

    [Theory]
    [InlineData("4*N", "N=3", "12")]
    [InlineData("N*H*W", "H=2,W=3", "6*N")]
    [InlineData("(H-3)//2+1", "H=32", "15")]
    [InlineData("H%3", "H=-4", "2")]
    [InlineData("N", "M=3", "N")]
    public void SubstituteEvaluatesWithKnownValues(string text, string assignments, string expected)
    {
        var values = assignments.Split(',').Select(a => a.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, Dim.Sym(text).Substitute(values).ToString());
    }

    [Fact]
    public void SubstitutingEverySymbolGivesAKnownSize()
    {
        var dim = Dim.Sym("N*H").Substitute(new Dictionary<string, long> { ["N"] = 2, ["H"] = 5 });
        Assert.True(dim.IsKnown);
        Assert.Equal(10, dim.Value);
        Assert.Equal(Dim.Known(7), Dim.Known(7).Substitute(new Dictionary<string, long> { ["N"] = 2 }));
    }

    [Theory]
    [InlineData("N*H+W", new[] { "H", "N", "W" })]
    [InlineData("floor(H*1.5)", new[] { "floor(H*1.5)" })]
    [InlineData("5", new string[0])]
    public void SymbolsNamesWhatTheSizeDependsOn(string text, string[] expected) =>
        Assert.Equal(expected, Dim.Sym(text).Symbols);

    [Fact]
    public void OverflowThrows()
    {
        Assert.Throws<OverflowException>(() => Dim.Known(long.MaxValue) * 2);
        Assert.Throws<OverflowException>(() => Dim.Known(long.MaxValue) + 1);
        Assert.Throws<OverflowException>(() => Dim.Sym("N") * long.MaxValue * 2);
        Assert.Throws<OverflowException>(() => Dim.Sym("N") + long.MaxValue + 1);
        Assert.Throws<OverflowException>(() => -Dim.Known(long.MinValue));
    }

    [Fact]
    public void KnownArithmeticAllocatesNothing()
    {
        static long Work()
        {
            var total = Dim.Known(0);
            for (var i = 1; i <= 1000; i++)
            {
                var d = Dim.Known(i);
                total += Dim.FloorDiv((d * 3) - 1, 2) + Dim.Mod(d, 7);
                _ = d.SameAs(total) || d == total || d.TryEquals(total) == true || d.IsDivisibleBy(3) == true;
            }

            return total.Value;
        }

        Work();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var value = Work();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(value > 0);
        Assert.Equal(0, allocated);
    }
}
