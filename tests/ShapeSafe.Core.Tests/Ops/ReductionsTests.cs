using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class ReductionsTests
{
    [Theory]
    [InlineData("sum", "2x3", null, false, "scalar", null)]
    [InlineData("sum", "2x3", "", false, "scalar", null)]
    [InlineData("mean", "2x3", "1", false, "2", null)]
    [InlineData("mean", "2x3", "-1", true, "2x1", null)]
    [InlineData("sum", "2x3", "0,1", true, "1x1", null)]
    [InlineData("std", "2x3x4", "0,2", true, "1x3x1", null)]
    [InlineData("var", "2x3", "1", true, "2x1", null)]
    [InlineData("norm", "2x3", "0,1", false, "scalar", null)]
    [InlineData("sum", "scalar", "0", false, "scalar", null)]
    [InlineData("sum", "scalar", "-1", true, "scalar", null)]
    [InlineData("sum", "0x3", "0", false, "3", null)]
    [InlineData("amax", "0x3", "1", false, "0", null)]
    [InlineData("sum", "NxCxHxW", "2,3", false, "NxC", null)]
    [InlineData("sum", "2x3", "2", false, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("sum", "scalar", "1", false, "SS0407", "Dimension out of range (expected to be in range of [-1, 0], but got 1)")]
    [InlineData("sum", "2x3", "0,0", false, "SS0408", "dim 0 appears multiple times in the list of dims")]
    [InlineData("sum", "2x3", "0,-2", false, "SS0408", "dim 0 appears multiple times in the list of dims")]
    [InlineData("amax", "0x3", "", false, "SS0417", "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")]
    [InlineData("amax", "0x3", "0", false, "SS0417", "amax(): Expected reduction dim 0 to have non-zero size.")]
    public void Reduce(string op, string input, string? dims, bool keepdim, string expected, string? torch)
    {
        var r = Reductions.Reduce(S(input), dims is null ? null : Longs(dims), keepdim, op);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("max", "2x3", 1, false, "2,2", null)]
    [InlineData("max", "2x3", 1, true, "2x1,2x1", null)]
    [InlineData("median", "2x3", 1, false, "2,2", null)]
    [InlineData("mode", "2x3", -1, false, "2,2", null)]
    [InlineData("max", "scalar", 0, false, "scalar,scalar", null)]
    [InlineData("max", "0x3", 1, false, "0,0", null)]
    [InlineData("max", "2x3", 2, false, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("max", "0x3", 0, false, "SS0417", "max(): Expected reduction dim 0 to have non-zero size.")]
    [InlineData("min", "0x3", 0, false, "SS0417", "min(): Expected reduction dim 0 to have non-zero size.")]
    [InlineData("median", "0x3", 0, false, "SS0417", "median(): Expected reduction dim 0 to have non-zero size.")]
    public void ReduceWithIndices(string op, string input, long dim, bool keepdim, string expected, string? torch)
    {
        var r = Reductions.ReduceWithIndices(S(input), dim, keepdim, op);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("max", "2x3", "scalar", null)]
    [InlineData("median", "0x3", "scalar", null)]
    [InlineData("max", "0x3", "SS0417", "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")]
    [InlineData("min", "0x3", "SS0417", "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")]
    public void ReduceAll(string op, string input, string expected, string? torch)
    {
        var r = Reductions.ReduceAll(S(input), op);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("argmax", "2x3", null, false, "scalar", null)]
    [InlineData("argmax", "2x3", null, true, "1x1", null)]
    [InlineData("argmax", "2x3", 1L, true, "2x1", null)]
    [InlineData("argmin", "2x3", 0L, false, "3", null)]
    [InlineData("argmax", "0x3", null, false, "SS0417", "argmax(): Expected reduction dim to be specified for input.numel() == 0.")]
    [InlineData("argmin", "0x3", null, false, "SS0417", "argmin(): Expected reduction dim to be specified for input.numel() == 0.")]
    [InlineData("argmax", "0x3", 0L, false, "SS0417", "argmax(): Expected reduction dim 0 to have non-zero size.")]
    public void Argmax(string op, string input, long? dim, bool keepdim, string expected, string? torch)
    {
        var r = Reductions.Argmax(S(input), dim, keepdim, op);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("sort", "2x3", -1L, "2x3,2x3", null)]
    [InlineData("sort", "2x3", 2L, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("topk2", "2x3", 0L, "2x3,2x3", null)]
    [InlineData("topk2", "2x3", -1L, "2x2,2x2", null)]
    [InlineData("topk0", "2x3", -1L, "2x0,2x0", null)]
    [InlineData("topk4", "2x3", -1L, "SS0419", "selected index k out of range")]
    [InlineData("topk-1", "2x3", -1L, "SS0419", "selected index k out of range")]
    [InlineData("topk1", "scalar", -1L, "scalar,scalar", null)]
    [InlineData("topk2", "scalar", -1L, "SS0419", "selected index k out of range")]
    [InlineData("topk5", "NxT", -1L, "Nx5,Nx5", null)]
    [InlineData("kth4", "2x3", -1L, "SS0419", "kthvalue(): selected number k out of range for dimension 1")]
    [InlineData("kth0", "2x3", -1L, "SS0419", "kthvalue(): selected number k out of range for dimension 1")]
    [InlineData("kth2", "2x3", 0L, "3,3", null)]
    public void SortTopkKthvalue(string call, string input, long dim, string expected, string? torch)
    {
        var r = call == "sort" ? Reductions.Sort(S(input), dim)
            : call.StartsWith("topk", StringComparison.Ordinal) ? Reductions.Topk(S(input), long.Parse(call[4..], System.Globalization.CultureInfo.InvariantCulture), dim)
            : Reductions.Kthvalue(S(input), long.Parse(call[3..], System.Globalization.CultureInfo.InvariantCulture), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("softmax", "2x3", 1, "2x3")]
    [InlineData("log_softmax", "2x3", -3, "SS0407")]
    [InlineData("cumsum", "2x3", 2, "SS0407")]
    [InlineData("softmax", "scalar", 0, "scalar")]
    public void AlongDimKeepsTheShape(string op, string input, long dim, string expected) =>
        Assert.Equal(expected, Show(Reductions.AlongDim(S(input), dim, op)));
}
