using ShapeSafe.Shapes.Symbolic;

namespace ShapeSafe.Tests.Shapes.Symbolic;

public sealed class SymExprTests
{
    [Theory]
    [InlineData("(4*N)//4", "N")]
    [InlineData("N*8192//2048", "4*N")]
    [InlineData("2*(N+1)", "2*N+2")]
    [InlineData("N-N", "0")]
    [InlineData("(H+2-3)//1+1", "H")]
    [InlineData("(2*N+2)//2", "N+1")]
    [InlineData("(4*N)%4", "0")]
    [InlineData("(4*N+1)%4", "1")]
    [InlineData("N*1", "N")]
    [InlineData("N+0", "N")]
    [InlineData("0*N", "0")]
    [InlineData("3+2*N", "2*N+3")]
    [InlineData("2*3+4", "10")]
    [InlineData("H*W*N", "N*H*W")]
    [InlineData("W*H*C*N", "N*C*H*W")]
    [InlineData("w*h*c", "c*h*w")]
    [InlineData("N*N", "N*N")]
    [InlineData("(N+1)*(N-1)", "N*N-1")]
    [InlineData("(H-2)*2", "2*H-4")]
    [InlineData("5-N", "-N+5")]
    [InlineData("N-M", "N-M")]
    [InlineData("Zeta+alpha", "Zeta+alpha")]
    [InlineData("(H-1)//2+1", "(H+1)//2")]
    [InlineData("(H-2)//2+1", "H//2")]
    [InlineData("(H-3)//2+1", "(H-1)//2")]
    [InlineData("(W-4)//3+1", "(W-1)//3")]
    [InlineData("N+(H-1)//2", "N+(H-1)//2")]
    [InlineData("(H+1)//2+1", "(H+1)//2+1")]
    [InlineData("7+H//3", "H//3+7")]
    [InlineData("H//3-5", "(H-15)//3")]
    [InlineData("2*(H//2)-2", "2*(H//2)-2")]
    [InlineData("((H+1)//2+1)//2", "(H+3)//4")]
    [InlineData("(H//2)//2", "H//4")]
    [InlineData("(2*H+2)//4", "(H+1)//2")]
    [InlineData("(4*N+H)//4", "N+H//4")]
    [InlineData("(3*H)//2", "(3*H)//2")]
    [InlineData("(N*H)//2", "(N*H)//2")]
    [InlineData("(H//2+N)//3", "(N+H//2)//3")]
    [InlineData("N*(H//2)", "N*(H//2)")]
    [InlineData("2*(H//2)", "2*(H//2)")]
    [InlineData("-(H//2)", "-(H//2)")]
    [InlineData("N-H//2", "N-H//2")]
    [InlineData("(-H)//2", "(-H)//2")]
    [InlineData("-H//2", "(-H)//2")]
    [InlineData("H//-2", "(-H)//2")]
    [InlineData("H%2", "H%2")]
    [InlineData("(5*H)%4", "H%4")]
    [InlineData("(2*H)%4", "2*(H%2)")]
    [InlineData("(H+5)%4", "(H+1)%4")]
    [InlineData("(H%4)%2", "H%2")]
    [InlineData("H//N", "H//N")]
    [InlineData("(N*H)//N", "H")]
    [InlineData("(N*H+N)//(H+1)", "N")]
    [InlineData("(N*H)%N", "0")]
    [InlineData("H//(N*M)", "H//(N*M)")]
    [InlineData("H//(-N)", "(-H)//N")]
    [InlineData("7//-2", "-4")]
    [InlineData("-7%2", "1")]
    [InlineData("7%-2", "-1")]
    [InlineData("-7//-2", "3")]
    public void CanonicalizesAndWritesPythonText(string text, string expected)
    {
        var expr = SymExpr.Parse(text);
        Assert.Equal(expected, expr.ToString());
        Assert.Equal(expr, SymExpr.Parse(expected));
    }

    [Theory]
    [InlineData("N*H", "H*N")]
    [InlineData("N+H+1", "1+H+N")]
    [InlineData("(H-1)//2+1", "(H+1)//2")]
    [InlineData("(N+2)//2+(H+1)//2", "(H+3)//2+N//2")]
    [InlineData("2*(N+1)-2", "N+N")]
    [InlineData("(H+2)//2", "H//2+1")]
    [InlineData("H//3-5", "(H-15)//3")]
    public void EqualExpressionsCompareEqualWithEqualHashes(string left, string right)
    {
        var a = SymExpr.Parse(left);
        var b = SymExpr.Parse(right);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a.ToString(), b.ToString());
    }

    [Theory]
    [InlineData("N", "N+1", false)]
    [InlineData("2*N", "2*M+1", false)]
    [InlineData("N*2", "2*N", true)]
    [InlineData("(H-1)//2+1", "(H+1)//2", true)]
    [InlineData("3", "4", false)]
    [InlineData("N", "M", null)]
    [InlineData("4*N", "8192", null)]
    [InlineData("N//2", "N", null)]
    public void DecidesEqualityWhenItCan(string left, string right, bool? expected) =>
        Assert.Equal(expected, SymExpr.Parse(left).TryEquals(SymExpr.Parse(right)));

    [Theory]
    [InlineData("4*N", 2, true)]
    [InlineData("4*N", -2, true)]
    [InlineData("N", 1, true)]
    [InlineData("6*N+3", 3, true)]
    [InlineData("6", 4, false)]
    [InlineData("2*N+1", 2, false)]
    [InlineData("2*N+1", 4, false)]
    [InlineData("N", 2, null)]
    [InlineData("2*N+2", 4, null)]
    public void DecidesDivisibilityWhenItCan(string text, long divisor, bool? expected) =>
        Assert.Equal(expected, SymExpr.Parse(text).IsDivisibleBy(divisor));

    [Theory]
    [InlineData("8192*N", "2048", "4*N")]
    [InlineData("8", "4", "2")]
    [InlineData("N*H", "N", "H")]
    [InlineData("N*H+N", "H+1", "N")]
    [InlineData("N*N-1", "N+1", "N-1")]
    [InlineData("6*N*H+4*N", "-2*N", "-3*H-2")]
    [InlineData("0", "N", "0")]
    [InlineData("N", "2", null)]
    [InlineData("6", "4", null)]
    [InlineData("8192", "N", null)]
    [InlineData("N*N+1", "N+1", null)]
    [InlineData("N", "0", null)]
    public void DividesExactlyOrNot(string dividend, string divisor, string? expected)
    {
        var quotient = SymExpr.DivideExact(SymExpr.Parse(dividend), SymExpr.Parse(divisor));
        Assert.Equal(expected, quotient?.ToString());
    }

    [Theory]
    [InlineData("4*N", "N=3", "12")]
    [InlineData("(H+1)//2", "H=-4", "-2")]
    [InlineData("H%3", "H=-4", "2")]
    [InlineData("H//N", "H=7,N=-2", "-4")]
    [InlineData("H%N", "H=7,N=-2", "-1")]
    [InlineData("N*H+W", "N=2", "2*H+W")]
    [InlineData("N*H", "C=2", "N*H")]
    [InlineData("(N*H)//(W+1)", "W=1", "(N*H)//2")]
    public void SubstitutesValues(string text, string assignments, string expected)
    {
        var values = assignments.Split(',').Select(a => a.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, SymExpr.Parse(text).Substitute(values).ToString());
    }

    [Theory]
    [InlineData("N*H+W+N", "H,N,W")]
    [InlineData("(H+C)//N", "C,H,N")]
    [InlineData("7", "")]
    public void ListsTheSymbols(string text, string expected) =>
        Assert.Equal(expected, string.Join(",", SymExpr.Parse(text).Symbols));

    [Theory]
    [InlineData(1.5, "floor(H*1.5)", 5, 7)]
    [InlineData(0.3, "floor(H*0.3)", 10, 3)]
    [InlineData(2.0, "2*H", 5, 10)]
    public void ScaledFloorsAreExactForIntegerScalesAndOpaqueOtherwise(double scale, string expected, long h, long value)
    {
        var expr = SymExpr.FloorScale(SymExpr.Symbol("H"), scale, scale.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, expr.ToString());
        Assert.Equal(["H"], expr.Symbols);
        Assert.True(expr.Substitute(new Dictionary<string, long> { ["H"] = h }).TryGetConstant(out var result));
        Assert.Equal(value, result);
    }

    [Theory]
    [InlineData("N+")]
    [InlineData("(N")]
    [InlineData("N)")]
    [InlineData("N**2")]
    [InlineData("floor(N)")]
    [InlineData("N/2")]
    [InlineData("N//0")]
    [InlineData("99999999999999999999")]
    [InlineData("")]
    public void RejectsTextThatIsNotASizeExpression(string text) =>
        Assert.False(SymExpr.TryParse(text, out _, out var error) || error.Length == 0);

    [Fact]
    public void OverflowThrows()
    {
        var n = SymExpr.Symbol("N");
        Assert.Throws<OverflowException>(() => n * long.MaxValue * 2);
        Assert.Throws<OverflowException>(() => n + long.MaxValue + 1);
        Assert.Throws<OverflowException>(() => -(n + long.MinValue));
        Assert.Throws<OverflowException>(() => SymExpr.Constant(long.MaxValue) * 2);
    }

    [Fact]
    public void DivisionByZeroThrowsAsInPython()
    {
        Assert.Throws<DivideByZeroException>(() => SymExpr.FloorDiv(SymExpr.Symbol("N"), 0));
        Assert.Throws<DivideByZeroException>(() => SymExpr.Mod(SymExpr.Symbol("N"), 0));
    }
}
