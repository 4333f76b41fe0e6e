using ShapeSafe.Layers;
using ShapeSafe.Shapes;

namespace ShapeSafe.Tests.Layers;

public sealed class PyTorchTextTests
{
    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(3.0, "3.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(2.5e-7, "2.5e-07")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(123456.789, "123456.789")]
    public void WritesFloatsAsPythonsRepr(double value, string python) =>
        Assert.Equal(python, PyTorchText.Float(value));

    [Fact]
    public void WritesSizesAsPyTorchPrintsThem()
    {
        var shape = ShapeParser.Parse("1x16");
        Assert.Equal("[1, 16]", PyTorchText.Sizes(shape));
        Assert.Equal("torch.Size([1, 16])", PyTorchText.TorchSize(shape));
        Assert.Equal("(2,)", PyTorchText.Tuple([2]));
        Assert.Equal("(2, 3)", PyTorchText.Tuple([2, 3]));
        Assert.Equal("[2, 3]", PyTorchText.List([2, 3]));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(-1, 0, 0)]
    [InlineData(-1, 4, 3)]
    [InlineData(-4, 4, 0)]
    [InlineData(3, 4, 3)]
    public void WrapsDimsAsPyTorchDoes(long dim, int rank, int wrapped)
    {
        Assert.True(DimIndex.TryWrap(dim, rank, out var actual));
        Assert.Equal(wrapped, actual);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(-2, 0)]
    [InlineData(4, 4)]
    [InlineData(-5, 4)]
    public void RejectsDimsOutOfRange(long dim, int rank) =>
        Assert.False(DimIndex.TryWrap(dim, rank, out _));
}
