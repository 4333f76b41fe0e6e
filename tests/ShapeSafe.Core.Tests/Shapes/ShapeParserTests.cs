using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Shapes;

public sealed class ShapeParserTests
{
    [Theory]
    [InlineData("128x3x64x64", "128x3x64x64")]
    [InlineData("Nx3x64x64", "Nx3x64x64")]
    [InlineData("3,64,64", "3x64x64")]
    [InlineData("[1, 3, 64, 64]", "1x3x64x64")]
    [InlineData("(1, 3, 64, 64)", "1x3x64x64")]
    [InlineData("2*3", "2x3")]
    [InlineData("Nx(2*N)x(H-2)", "Nx(2*N)x(H-2)")]
    [InlineData("(H-1)x3", "(H-1)x3")]
    [InlineData("Nx16x((H+1)//2)x16", "Nx16x((H+1)//2)x16")]
    [InlineData("Nx(N*H*W//2)", "Nx((N*H*W)//2)")]
    [InlineData("(2*3)x4", "6x4")]
    public void ParsesAndWritesBack(string text, string expected)
    {
        Assert.True(ShapeParser.TryParse(text, out var shape, out var error), error);
        Assert.Equal(expected, shape.ToString());
        Assert.Equal(shape, ShapeParser.Parse(shape.ToString()));
    }

    [Theory]
    [InlineData("", "the shape is empty")]
    [InlineData("3xx4", "empty dimension")]
    [InlineData("0x3", "must be a positive size")]
    [InlineData("(N-N)x3", "must be a positive size")]
    [InlineData("Nx(H-", "unbalanced parentheses")]
    [InlineData("Nx(H-)", "is not an expression of sizes")]
    [InlineData("3xfoo-", "neither a positive integer nor a name")]
    public void RejectsWhatIsNotAShape(string text, string message)
    {
        Assert.False(ShapeParser.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductOfSymbolicShapesIsCanonical()
    {
        var shape = ShapeParser.Parse("Nx8192");
        Assert.Equal("8192*N", shape.Product().Symbol);
        Assert.Equal(Dim.Sym("N") * 8192, ShapeParser.Parse("8192xN").Product());
        Assert.Null(shape.KnownProduct(0));
        Assert.Equal(8192, shape.KnownProduct(1));
    }
}
