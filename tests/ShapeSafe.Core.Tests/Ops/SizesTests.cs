using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class SizesTests
{
    [Theory]
    [InlineData("2x3x4", "24")]
    [InlineData("scalar", "1")]
    [InlineData("0x3", "0")]
    [InlineData("Nx3", "3*N")]
    public void Numel(string input, string expected) => Assert.Equal(expected, Show(Sizes.Numel(S(input))));

    [Theory]
    [InlineData("2x3", 1, "3", null)]
    [InlineData("Nx3", 0, "N", null)]
    [InlineData("Nx3", -2, "N", null)]
    [InlineData("2x3", 2, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("scalar", 0, "SS0415", "Dimension specified as 0 but tensor has no dimensions")]
    public void Size(string input, long dim, string expected, string? torch)
    {
        var r = Sizes.Size(S(input), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3x4", "3")]
    [InlineData("scalar", "0")]
    public void Rank(string input, string expected) => Assert.Equal(expected, Show(Sizes.Rank(S(input))));
}
