using ShapeSafe.Ops;
using ShapeSafe.Shapes;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class FactoriesTests
{
    [Theory]
    [InlineData("zeros", "2,3", "2x3", null)]
    [InlineData("randn", "", "scalar", null)]
    [InlineData("ones", "N,3", "Nx3", null)]
    [InlineData("empty", "0,3", "0x3", null)]
    [InlineData("zeros", "2,-1", "SS0404", "Trying to create tensor with negative dimension -1: [2, -1]")]
    [InlineData("randn", "2,-3", "SS0404", "Trying to create tensor with negative dimension -3: [2, -3]")]
    [InlineData("ones", "-1", "SS0404", "Trying to create tensor with negative dimension -1: [-1]")]
    public void Create(string op, string sizes, string expected, string? torch)
    {
        var r = Factories.Create(Dims(sizes), op);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Fact]
    public void LikeKeepsTheShape() => Assert.Equal("Nx3", Show(Factories.Like(S("Nx3"))));

    [Theory]
    [InlineData("3", null, "3x3", null)]
    [InlineData("3", "4", "3x4", null)]
    [InlineData("N", null, "NxN", null)]
    [InlineData("-1", null, "SS0415", "n must be greater or equal to 0, got -1")]
    [InlineData("3", "-1", "SS0415", "m must be greater or equal to 0, got -1")]
    public void Eye(string n, string? m, string expected, string? torch)
    {
        var r = Factories.Eye(ParseDim(n), m is null ? null : ParseDim(m));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData(0, 5, 1, "5", null)]
    [InlineData(0, 1, 0.3, "4", null)]
    [InlineData(0.5, 2.0, 0.5, "3", null)]
    [InlineData(1, 1, 1, "0", null)]
    [InlineData(10, 0, -3, "4", null)]
    [InlineData(0, 10, 0, "SS0415", "step must be nonzero")]
    [InlineData(10, 0, 1, "SS0415", "upper bound and larger bound inconsistent with step sign")]
    [InlineData(0, -5, 1, "SS0415", "upper bound and larger bound inconsistent with step sign")]
    [InlineData(0, 10, -1, "SS0415", "upper bound and larger bound inconsistent with step sign")]
    public void Arange(double start, double end, double step, string expected, string? torch)
    {
        var r = Factories.Arange(start, end, step);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Fact]
    public void ArangeOfASymbolicEnd() => Assert.Equal("T", Show(Factories.Arange(Dim.Sym("T"))));

    [Theory]
    [InlineData("linspace", 5, "5", null)]
    [InlineData("linspace", 0, "0", null)]
    [InlineData("linspace", -1, "SS0415", "number of steps must be non-negative")]
    [InlineData("logspace", -2, "SS0415", "number of steps must be non-negative")]
    public void Linspace(string op, long steps, string expected, string? torch)
    {
        var r = Factories.Linspace(steps, op);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    public static TheoryData<object?, string, string?> NestedLists() => new()
    {
        { 3L, "scalar", null },
        { new object?[] { }, "0", null },
        { new object?[] { new object?[] { }, new object?[] { } }, "2x0", null },
        { new object?[] { new object?[] { 1L, 2L }, new object?[] { 3L, 4L } }, "2x2", null },
        { new object?[] { new object?[] { new object?[] { 1L } }, new object?[] { new object?[] { 2L } } }, "2x1x1", null },
        { new object?[] { new object?[] { 1L, 2L }, new object?[] { 3L } }, "SS0416", "expected sequence of length 2 at dim 1 (got 1)" },
        { new object?[] { new object?[] { 1L }, new object?[] { 2L, 3L } }, "SS0416", "expected sequence of length 1 at dim 1 (got 2)" },
        { new object?[] { new object?[] { new object?[] { 1L } }, new object?[] { new object?[] { 2L, 3L } } }, "SS0416", "expected sequence of length 1 at dim 2 (got 2)" },
        { new object?[] { new object?[] { 1L, 2L }, 3L }, "SS0416", "not a sequence" },
        { new object?[] { new object?[] { 1L, 2L }, new object?[] { 3L, new object?[] { 4L } } }, "SS0416", "'list' object cannot be interpreted as an integer" },
    };

    [Theory]
    [MemberData(nameof(NestedLists))]
    public void TensorOfANestedList(object? data, string expected, string? torch)
    {
        var r = Factories.FromData(data);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
