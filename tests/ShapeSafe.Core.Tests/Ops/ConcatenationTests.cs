using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class ConcatenationTests
{
    [Theory]
    [InlineData("2x3,2x4", 1, "2x7", null)]
    [InlineData("2x3,2x3", -1, "2x6", null)]
    [InlineData("2x3,5x3,1x3", 0, "8x3", null)]
    [InlineData("0,2x3", 1, "2x3", null)]
    [InlineData("0,0", 1, "0", null)]
    [InlineData("0,0", 0, "0", null)]
    [InlineData("Nx3,Mx3", 0, "(N+M)x3", null)]
    [InlineData("Nx3,Nx3", 0, "(2*N)x3", null)]
    [InlineData("Nx3,2x3", 1, "Nx6", null)]
    [InlineData("2x3,2x4", 0, "SS0405", "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.")]
    [InlineData("2x3,0,2x4", 0, "SS0405", "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 2 in the list.")]
    [InlineData("0x3,2x4", 0, "SS0405", "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.")]
    [InlineData("2x3,2x3x4", 0, "SS0406", "Tensors must have same number of dimensions: got 2 and 3")]
    [InlineData("2x3,2x3", 2, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("0,2x3", 2, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("scalar,scalar", 0, "SS0402", "zero-dimensional tensor (at position 0) cannot be concatenated")]
    [InlineData("Nx3,Nx(3+1)", 0, "SS0405", "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.")]
    public void Cat(string tensors, long dim, string expected, string? torch)
    {
        var r = Concatenation.Cat(List(tensors), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Fact]
    public void CatOfNothingFails()
    {
        var r = Concatenation.Cat([], 0);
        Assert.Equal("SS0415", r.Error!.Code);
        Assert.Equal("torch.cat(): expected a non-empty list of Tensors", r.Error.TorchMessage);
    }

    [Fact]
    public void CatMessageNamesBothTensors() =>
        Assert.Equal("cat: tensor 1 has shape 2x4 but tensor 0 has shape 2x3; sizes must match except in dimension 0",
            Concatenation.Cat(List("2x3,2x4"), 0).Error!.Message);

    [Theory]
    [InlineData("2x3,2x3", 0, "2x2x3", null)]
    [InlineData("2x3,2x3,2x3", 2, "2x3x3", null)]
    [InlineData("2x3,2x3", -1, "2x3x2", null)]
    [InlineData("scalar,scalar", 0, "2", null)]
    [InlineData("Nx3,Nx3", 1, "Nx2x3", null)]
    [InlineData("2x3,2x4", 0, "SS0405", "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1")]
    [InlineData("2x3,2x3", 3, "SS0407", "Dimension out of range (expected to be in range of [-3, 2], but got 3)")]
    public void Stack(string tensors, long dim, string expected, string? torch)
    {
        var r = Concatenation.Stack(List(tensors), dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("hstack", "2x3,2x4", "2x7", null)]
    [InlineData("hstack", "3,4", "7", null)]
    [InlineData("hstack", "scalar,scalar", "2", null)]
    [InlineData("hstack", "2x3,3x4", "SS0405", "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.")]
    [InlineData("vstack", "3,3", "2x3", null)]
    [InlineData("vstack", "scalar,scalar", "2x1", null)]
    [InlineData("vstack", "2x3,3", "3x3", null)]
    [InlineData("vstack", "3,4", "SS0405", "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.")]
    public void HstackAndVstack(string op, string tensors, string expected, string? torch)
    {
        var r = op == "hstack" ? Concatenation.Hstack(List(tensors)) : Concatenation.Vstack(List(tensors));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
