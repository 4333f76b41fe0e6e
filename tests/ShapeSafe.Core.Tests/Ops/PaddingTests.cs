using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class PaddingTests
{
    [Theory]
    [InlineData("2x3", "1,2,3,4", "9x6", null)]
    [InlineData("2x3", "1,1", "2x5", null)]
    [InlineData("2x3", "", "2x3", null)]
    [InlineData("2x3", "0,0", "2x3", null)]
    [InlineData("2x3", "-1,-2", "2x0", null)]
    [InlineData("2x3", "-3,0", "2x0", null)]
    [InlineData("2x3", "-3,1", "2x1", null)]
    [InlineData("2x0", "1,0", "2x1", null)]
    [InlineData("NxCxHxW", "1,1,2,2", "NxCx(H+4)x(W+2)", null)]
    [InlineData("NxCxHxW", "-1,-1", "NxCxHx(W-2)", null)]
    [InlineData("2x3", "1", "SS0414", "Padding length must be divisible by 2")]
    [InlineData("2x3", "1,1,1,1,1,1", "SS0414", "Padding length too large")]
    [InlineData("scalar", "1,1", "SS0414", "Padding length too large")]
    [InlineData("2x3", "-2,-2", "SS0414", "start (0) + length (-1) exceeds dimension size (1).")]
    [InlineData("2x3", "-3,-1", "SS0414", "start (0) + length (-1) exceeds dimension size (0).")]
    [InlineData("2x3", "-1,-3", "SS0414", "start (0) + length (-1) exceeds dimension size (2).")]
    [InlineData("2x3", "-1,-4", "SS0414", "start (0) + length (-2) exceeds dimension size (2).")]
    [InlineData("2x3", "1,-5", "SS0414", "start (0) + length (-2) exceeds dimension size (3).")]
    [InlineData("2x3", "-4,0", "SS0414", "Dimension out of range (expected to be in range of [-3, 2], but got 4)")]
    [InlineData("2x3", "-4,1", "SS0414", "Dimension out of range (expected to be in range of [-3, 2], but got 4)")]
    [InlineData("2x3", "-2,-1,1,1", "SS0414", "The input size 3, plus negative padding -2 and -1 resulted in a negative output size, which is invalid. Check dimension 1 of your input.")]
    [InlineData("2x0", "0,0,1,1", "SS0414", "The input size 0, plus negative padding 0 and 0 resulted in a negative output size, which is invalid. Check dimension 1 of your input.")]
    public void ConstantPad(string input, string pad, string expected, string? torch)
    {
        var r = Padding.Pad(S(input), Longs(pad));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
