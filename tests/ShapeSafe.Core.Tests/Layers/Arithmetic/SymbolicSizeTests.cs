using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Layers.Arithmetic;

public sealed class SymbolicSizeTests
{
    [Theory]
    [InlineData("H", 1, 0, "H")]
    [InlineData("H", 1, -2, "H-2")]
    [InlineData("H", 1, 3, "H+3")]
    [InlineData("H", 2, 0, "2*H")]
    [InlineData("H", 2, -1, "2*H-1")]
    [InlineData("H-2", 2, 0, "2*H-4")]
    public void AffineWritesTheExpressionOfTheSymbol(string symbol, long multiplier, long offset, string expected)
    {
        var dim = SymbolicSize.Affine(Dim.Sym(symbol), multiplier, offset);
        Assert.True(dim.IsSymbolic);
        Assert.Equal(expected, dim.Symbol);
    }

    // floor((in + offset) / divisor) + 1 = (in + offset + divisor) // divisor
    [Theory]
    [InlineData("H", -2, 2, "H//2")]
    [InlineData("H", -1, 2, "(H+1)//2")]
    [InlineData("H", -3, 1, "H-2")]
    [InlineData("H", -1, 1, "H")]
    [InlineData("W", -4, 3, "(W-1)//3")]
    public void FloorDivPlusOneWritesThePythonExpression(string symbol, long offset, long divisor, string expected) =>
        Assert.Equal(expected, SymbolicSize.FloorDivPlusOne(Dim.Sym(symbol), offset, divisor).Symbol);

    [Theory]
    [InlineData(32, -2, 2, 16)]
    [InlineData(31, -2, 2, 15)]
    [InlineData(7, -7, 3, 1)]
    public void KnownSizesAreComputed(long input, long offset, long divisor, long expected)
    {
        var dim = SymbolicSize.FloorDivPlusOne(Dim.Known(input), offset, divisor);
        Assert.True(dim.IsKnown);
        Assert.Equal(expected, dim.Value);
    }
}
