using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class SplittingTests
{
    [Theory]
    [InlineData("2x5", 2, 1, "2x2,2x2,2x1", null)]
    [InlineData("2x5", 7, 1, "2x5", null)]
    [InlineData("2x0", 0, 1, "2x0", null)]
    [InlineData("2x0", 3, 1, "2x0", null)]
    [InlineData("6xH", 2, 0, "2xH,2xH,2xH", null)]
    [InlineData("(4*C)", 2, 0, "?", null)]
    [InlineData("N", 2, 0, "?", null)]
    [InlineData("2x5", 0, 1, "SS0415", "split_size can only be 0 if dimension size is 0, but got dimension size of 5")]
    [InlineData("2x5", -1, 1, "SS0415", "split expects split_size be non-negative, but got split_size=-1")]
    [InlineData("2x5", -1, 5, "SS0415", "split expects split_size be non-negative, but got split_size=-1")]
    [InlineData("scalar", 1, 0, "SS0402", "split expects at least a 1-dimensional tensor")]
    [InlineData("2x5", 1, 2, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    public void Split(string input, long size, long dim, string expected, string? torch)
    {
        var r = Splitting.Split(S(input), size, dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x5", "2,3", 1, "2x2,2x3", null)]
    [InlineData("2x5", "5,0", 1, "2x5,2x0", null)]
    [InlineData("Nx(C+4)", "C,4", 1, "NxC,Nx4", null)]
    [InlineData("NxC", "A,B", 1, "NxA,NxB", null)]
    [InlineData("2x5", "2", -1, "SS0411", "split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension -1), but got split_sizes=[2]")]
    [InlineData("2x5", "2,2", 1, "SS0411", "split_with_sizes expects split_sizes to sum exactly to 5 (input tensor's size at dimension 1), but got split_sizes=[2, 2]")]
    [InlineData("2x5", "6,-1", 1, "SS0415", "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[6, -1]")]
    [InlineData("2x5", "7,-2", 1, "SS0415", "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[7, -2]")]
    [InlineData("Nx(C+4)", "C,5", 1, "SS0411", "split_with_sizes expects split_sizes to sum exactly to C+4 (input tensor's size at dimension 1), but got split_sizes=[C, 5]")]
    public void SplitWithSizes(string input, string sizes, long dim, string expected, string? torch)
    {
        var r = Splitting.SplitWithSizes(S(input), Dims(sizes), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x5", 4, 1, "2x2,2x2,2x1", null)]
    [InlineData("2x6", 4, 1, "2x2,2x2,2x2", null)]
    [InlineData("2x6", 3, 1, "2x2,2x2,2x2", null)]
    [InlineData("2x0", 3, 1, "2x0,2x0,2x0", null)]
    [InlineData("2x2", 5, 1, "2x1,2x1", null)]
    [InlineData("Nx(2*C)", 2, 1, "NxC,NxC", null)]
    [InlineData("NxC", 2, 1, "?", null)]
    [InlineData("2x5", 0, 1, "SS0415", "chunk expects `chunks` to be greater than 0, got: 0")]
    [InlineData("2x5", -1, 1, "SS0415", "chunk expects `chunks` to be greater than 0, got: -1")]
    [InlineData("scalar", 2, 0, "SS0402", "chunk expects at least a 1-dimensional tensor")]
    public void Chunk(string input, long chunks, long dim, string expected, string? torch)
    {
        var r = Splitting.Chunk(S(input), chunks, dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x6", -1, "2x3", null)]
    [InlineData("4x6x5", 0, "2x6x5", null)]
    [InlineData("Nx(2*C)", 1, "NxC", null)]
    [InlineData("NxC", 1, "?", null)]
    [InlineData("2x5", 1, "SS0415", "Halving dimension must be even, but dimension 1 is size 5")]
    [InlineData("2x6", 2, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("scalar", -1, "SS0402", "glu does not support scalars because halving size must be even")]
    public void Glu(string input, long dim, string expected, string? torch)
    {
        var r = Splitting.Glu(S(input), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3", 1, "2,2,2", null)]
    [InlineData("2x3", -2, "3,3", null)]
    [InlineData("Nx3", 0, "?", null)]
    [InlineData("scalar", 0, "SS0402", "Dimension specified as 0 but tensor has no dimensions")]
    public void Unbind(string input, long dim, string expected, string? torch)
    {
        var r = Splitting.Unbind(S(input), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x5", "3", 1, "2x2,2x2,2x1", null)]
    [InlineData("2x7", "3", 1, "2x3,2x2,2x2", null)]
    [InlineData("2x5", "1,4,9", 1, "2x1,2x3,2x1,2x0", null)]
    [InlineData("2x5", "0", 1, "SS0415", "number of sections must be larger than 0, got 0")]
    [InlineData("scalar", "2", 0, "SS0402", "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")]
    public void TensorSplit(string input, string arg, long dim, string expected, string? torch)
    {
        var values = Longs(arg);
        var r = values.Length == 1 ? Splitting.TensorSplit(S(input), values[0], dim) : Splitting.TensorSplitAt(S(input), values, dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Fact]
    public void AnUnknownPieceCountSaysWhy()
    {
        var r = Splitting.Split(S("N"), 2, 0);
        Assert.False(r.Failed);
        Assert.Null(r.Outputs);
        Assert.Equal("the number of pieces depends on the symbolic size N", r.Unknown);
    }
}
