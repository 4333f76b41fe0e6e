using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class ViewsTests
{
    [Theory]
    [InlineData("4x2048", "-1,2048", "4x2048", null)]
    [InlineData("4x2048", "-1", "8192", null)]
    [InlineData("4x2048", "2,-1,16", "2x256x16", null)]
    [InlineData("4x2048", "-1,2049", "SS0403", "shape '[-1, 2049]' is invalid for input of size 8192")]
    [InlineData("4x2048", "3,2048", "SS0403", "shape '[3, 2048]' is invalid for input of size 8192")]
    [InlineData("4x2048", "-1,-1", "SS0404", "only one dimension can be inferred")]
    [InlineData("4x2048", "-2,2048", "SS0404", "invalid shape dimension -2")]
    [InlineData("4x2048", "-3,-1", "SS0404", "invalid shape dimension -3")]
    [InlineData("0x2048", "-1,0", "SS0404", "cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified dimension size -1 can be any value and is ambiguous")]
    [InlineData("0x3", "0,-1", "SS0404", "cannot reshape tensor of 0 elements into shape [0, -1] because the unspecified dimension size -1 can be any value and is ambiguous")]
    [InlineData("0x3", "-1,3", "0x3", null)]
    [InlineData("scalar", "", "scalar", null)]
    [InlineData("1x1", "", "scalar", null)]
    [InlineData("2x1", "", "SS0403", "shape '[]' is invalid for input of size 2")]
    [InlineData("scalar", "-1", "1", null)]
    [InlineData("Nx8192", "-1,2048", "(4*N)x2048", null)]
    [InlineData("Nx32x8x8", "N,-1", "Nx2048", null)]
    [InlineData("Nx32x8x8", "-1,2048", "Nx2048", null)]
    [InlineData("Nx32x8x8", "-1,4096", "(N//2)x4096", null)]
    [InlineData("Nx8192", "-1,3000", "((1024*N)//375)x3000", null)]
    [InlineData("(2*N+1)", "-1,2", "SS0403", "shape '[-1, 2]' is invalid for input of size 2*N+1")]
    [InlineData("Nx3", "N,3", "Nx3", null)]
    [InlineData("Nx3", "N,4", "Nx4", null)]
    [InlineData("Nx3", "N+1,3", "SS0403", "shape '[N+1, 3]' is invalid for input of size 3*N")]
    [InlineData("Nx3", "M,3", "Mx3", null)]
    [InlineData("3", "4611686018427387904,3,1,1", "SS0403", "shape '[4611686018427387904, 3, 1, 1]' is invalid for input of size 3")]
    [InlineData("3", "-1,4611686018427387904,3", "SS0403", "shape '[-1, 4611686018427387904, 3]' is invalid for input of size 3")]
    public void ViewInfersTheOneMinusOne(string input, string sizes, string expected, string? torch)
    {
        var r = Views.View(S(input), Dims(sizes));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
        Assert.Equal(expected, Show(Views.Reshape(S(input), Dims(sizes))));
    }

    [Fact]
    public void ViewMessageNamesTheShapeAndSize() =>
        Assert.Equal("view: shape [-1, 2049] is invalid for input of size 8192", Views.View(S("4x2048"), Dims("-1,2049")).Error!.Message);

    [Theory]
    [InlineData("2x3", "3x2", "3x2")]
    [InlineData("2x3", "3x3", "SS0403")]
    public void ViewAsAndReshapeAs(string input, string other, string expected)
    {
        Assert.Equal(expected, Show(Views.ViewAs(S(input), S(other))));
        Assert.Equal(expected, Show(Views.ReshapeAs(S(input), S(other))));
        if (expected.StartsWith("SS", StringComparison.Ordinal))
        {
            Assert.Equal("shape '[3, 3]' is invalid for input of size 6", Views.ViewAs(S(input), S(other)).Error!.TorchMessage);
        }
    }

    [Theory]
    [InlineData("2x3x4", 0, -1, "24", null)]
    [InlineData("2x3x4", 1, -1, "2x12", null)]
    [InlineData("2x3x4", 1, 1, "2x3x4", null)]
    [InlineData("2x3x4x5", 1, 2, "2x12x5", null)]
    [InlineData("Nx3x4", 1, -1, "Nx12", null)]
    [InlineData("Nx3x4", 0, 1, "(3*N)x4", null)]
    [InlineData("scalar", 0, -1, "1", null)]
    [InlineData("scalar", 1, -1, "SS0407", "Dimension out of range (expected to be in range of [-1, 0], but got 1)")]
    [InlineData("2x3x4", 2, 1, "SS0415", "flatten() has invalid args: start_dim cannot come after end_dim")]
    [InlineData("2x3", 3, -1, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 3)")]
    public void Flatten(string input, long start, long end, string expected, string? torch)
    {
        var r = Views.Flatten(S(input), start, end);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x12", 1, "-1,3", "2x4x3", null)]
    [InlineData("2x12", -1, "2,6", "2x2x6", null)]
    [InlineData("2x12", 1, "5,-1", "SS0403", "unflatten: Provided sizes [5, -1] don't multiply up to the size of dim 1 (12) in the input tensor")]
    [InlineData("2x12", 1, "5,2", "SS0403", "unflatten: Provided sizes [5, 2] don't multiply up to the size of dim 1 (12) in the input tensor")]
    [InlineData("2x12", 1, "-1,-1", "SS0404", "unflatten got an unexpected error:")]
    [InlineData("2x12", 1, "-2,3", "SS0404", "invalid shape dimension -2")]
    [InlineData("2x0", 1, "-1,0", "SS0404", "cannot reshape tensor of 0 elements into shape [-1, 0] because the unspecified dimension size -1 can be any value and is ambiguous")]
    [InlineData("2x12", 1, "", "SS0415", "unflatten: sizes must be non-empty")]
    [InlineData("scalar", -1, "1", "SS0415", "Dimension specified as 0 but tensor has no dimensions")]
    [InlineData("2x12", 2, "3,4", "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("Nx(2*C)", 1, "2,-1", "Nx2xC", null)]
    [InlineData("Nx6", 0, "-1,2", "(N//2)x2x6", null)]
    public void Unflatten(string input, long dim, string sizes, string expected, string? torch)
    {
        var r = Views.Unflatten(S(input), dim, Dims(sizes));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
