using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class SelectionTests
{
    [Theory]
    [InlineData("2x1", "3", "scalar", "2x3")]
    [InlineData("2x3", "2x3", "4x1x4", "SS0400")]
    public void Where(string condition, string a, string b, string expected) =>
        Assert.Equal(expected, Show(Selection.Where(S(condition), S(a), S(b))));

    [Theory]
    [InlineData("2x3", "4", null, "SS0400", "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")]
    [InlineData("2x3", "3x1x3", null, "3x2x3", null)]
    [InlineData("2x3", null, null, "2x3", null)]
    [InlineData("2x3", "3", "2x1", "2x3", null)]
    public void Clamp(string input, string? min, string? max, string expected, string? torch)
    {
        var r = Selection.Clamp(S(input), min is null ? null : S(min), max is null ? null : S(max));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3", "2x3", false, "2x3", null)]
    [InlineData("2x3", "scalar", false, "2x3", null)]
    [InlineData("2x3", "2x2x3", false, "2x2x3", null)]
    [InlineData("2x3", "4x3", false, "SS0400", "The size of tensor a (4) must match the size of tensor b (2) at non-singleton dimension 0")]
    [InlineData("2x3", "2x2x3", true, "SS0415", "output with shape [2, 3] doesn't match the broadcast shape [2, 2, 3]")]
    [InlineData("NxT", "1xT", true, "NxT", null)]
    public void MaskedFill(string input, string mask, bool inPlace, string expected, string? torch)
    {
        var r = Selection.MaskedFill(S(input), S(mask), inPlace);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3", 1, "2x5", "2x5", null)]
    [InlineData("2x3", 1, "1x5", "1x5", null)]
    [InlineData("2x3", 0, "3x2", "3x2", null)]
    [InlineData("2x3", 1, "2x9", "2x9", null)]
    [InlineData("0", 0, "1x0", "1x0", null)]
    [InlineData("2x3", 1, "1x2x3", "SS0418", "Index tensor must have the same number of dimensions as input tensor")]
    [InlineData("2x3", 1, "3", "SS0418", "Index tensor must have the same number of dimensions as input tensor")]
    [InlineData("2x3", 1, "3x3", "SS0418", "Size does not match at dimension 0 expected index [3, 3] to be smaller than self [2, 3] apart from dimension 1")]
    [InlineData("2x3", 2, "1x5", "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    public void Gather(string input, long dim, string index, string expected, string? torch)
    {
        var r = Selection.Gather(S(input), dim, S(index));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
