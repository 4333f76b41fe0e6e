using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class DimensionOpsTests
{
    [Theory]
    [InlineData("2x1x3x1", null, "2x3")]
    [InlineData("2x1x3", "1", "2x3")]
    [InlineData("2x1x3", "0", "2x1x3")]
    [InlineData("2x1x3", "-2", "2x3")]
    [InlineData("1x1x3", "0,1", "3")]
    [InlineData("1x2x1", "0,1", "2x1")]
    [InlineData("scalar", "0", "scalar")]
    [InlineData("scalar", null, "scalar")]
    [InlineData("Nx1x3", null, "Nx3")]
    [InlineData("2x1x3", "5", "SS0407")]
    public void Squeeze(string input, string? dims, string expected) =>
        Assert.Equal(expected, Show(DimensionOps.Squeeze(S(input), dims is null ? null : Longs(dims))));

    [Fact]
    public void SqueezeQuotesTheRange() =>
        Assert.Equal("Dimension out of range (expected to be in range of [-3, 2], but got 5)", DimensionOps.Squeeze(S("2x1x3"), [5]).Error!.TorchMessage);

    [Theory]
    [InlineData("2x3", 0, "1x2x3")]
    [InlineData("2x3", 2, "2x3x1")]
    [InlineData("2x3", -1, "2x3x1")]
    [InlineData("2x3", -3, "1x2x3")]
    [InlineData("scalar", 0, "1")]
    [InlineData("2x3", 3, "SS0407")]
    [InlineData("scalar", 1, "SS0407")]
    public void Unsqueeze(string input, long dim, string expected) =>
        Assert.Equal(expected, Show(DimensionOps.Unsqueeze(S(input), dim)));

    [Fact]
    public void UnsqueezeRangeIsRankPlusOne()
    {
        Assert.Equal("Dimension out of range (expected to be in range of [-3, 2], but got 3)", DimensionOps.Unsqueeze(S("2x3"), 3).Error!.TorchMessage);
        Assert.Equal("Dimension out of range (expected to be in range of [-1, 0], but got 1)", DimensionOps.Unsqueeze(S("scalar"), 1).Error!.TorchMessage);
    }

    [Theory]
    [InlineData("2x3x4", 0, 2, "4x3x2")]
    [InlineData("2x3x4", -1, 1, "2x4x3")]
    [InlineData("2x3", 1, 1, "2x3")]
    [InlineData("scalar", 0, -1, "scalar")]
    [InlineData("2x3", 0, 2, "SS0407")]
    public void Transpose(string input, long a, long b, string expected) =>
        Assert.Equal(expected, Show(DimensionOps.Transpose(S(input), a, b)));

    [Theory]
    [InlineData("2x3", "3x2", null)]
    [InlineData("3", "3", null)]
    [InlineData("scalar", "scalar", null)]
    [InlineData("2x3x4", "SS0402", "t() expects a tensor with <= 2 dimensions, but self is 3D")]
    public void T(string input, string expected, string? torch)
    {
        var r = DimensionOps.T(S(input));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3x4", "2,0,1", "4x2x3", null)]
    [InlineData("2x3x4", "-1,0,1", "4x2x3", null)]
    [InlineData("scalar", "", "scalar", null)]
    [InlineData("2x3x4x5", "0,1,2", "SS0408", "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 4 is not equal to len(dims) = 3")]
    [InlineData("scalar", "0", "SS0408", "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = 0 is not equal to len(dims) = 1")]
    [InlineData("2x3x4", "0,1,1", "SS0408", "permute(): duplicate dims are not allowed.")]
    [InlineData("2x3x4", "0,1,3", "SS0407", "Dimension out of range (expected to be in range of [-3, 2], but got 3)")]
    public void Permute(string input, string dims, string expected, string? torch)
    {
        var r = DimensionOps.Permute(S(input), Longs(dims));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3x4", "0", "2", "3x4x2", null)]
    [InlineData("2x3x4", "2", "0", "4x2x3", null)]
    [InlineData("2x3x4x5", "0,1", "2,3", "4x5x2x3", null)]
    [InlineData("2x3x4x5", "0,1", "3,0", "3x4x5x2", null)]
    [InlineData("scalar", "0", "0", "scalar", null)]
    [InlineData("2x3x4", "0,1", "2", "SS0408", "movedim: Invalid source or destination dims: source ([0, 1] dims) should contain the same number of dims as destination ([2] dims)")]
    [InlineData("2x3x4", "0,0", "1,2", "SS0408", "movedim: repeated dim in `source` ([0, 0])")]
    [InlineData("2x3x4", "0,1", "2,2", "SS0408", "movedim: repeated dim in `destination` ([2, 2])")]
    [InlineData("2x3x4", "5", "0", "SS0407", "Dimension out of range (expected to be in range of [-3, 2], but got 5)")]
    public void Movedim(string input, string source, string destination, string expected, string? torch)
    {
        var r = DimensionOps.Movedim(S(input), Longs(source), Longs(destination));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
