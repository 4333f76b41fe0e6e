using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class ExpansionTests
{
    [Theory]
    [InlineData("1x3", "2,3", "2x3", null)]
    [InlineData("1x3", "2,-1", "2x3", null)]
    [InlineData("3", "2,-1", "2x3", null)]
    [InlineData("scalar", "2,3", "2x3", null)]
    [InlineData("1x3", "0,3", "0x3", null)]
    [InlineData("2x3", "2,3", "2x3", null)]
    [InlineData("Nx1", "-1,5", "Nx5", null)]
    [InlineData("1x3", "N,3", "Nx3", null)]
    [InlineData("Nx3", "4,3", "4x3", null)]
    [InlineData("2x3", "2,4", "SS0412", "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]")]
    [InlineData("2x3", "0,3", "SS0412", "The expanded size of the tensor (0) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [0, 3].  Tensor sizes: [2, 3]")]
    [InlineData("2x3", "-2,3", "SS0412", "The expanded size of the tensor (-2) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [-2, 3].  Tensor sizes: [2, 3]")]
    [InlineData("2x3", "3", "SS0413", "expand(torch.FloatTensor{[2, 3]}, size=[3]): the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)")]
    [InlineData("2x3", "", "SS0413", "expand(torch.FloatTensor{[2, 3]}, size=[]): the number of sizes provided (0) must be greater or equal to the number of dimensions in the tensor (2)")]
    [InlineData("2x3", "-1,-1,3", "SS0404", "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0")]
    [InlineData("3", "-2,3", "SS0404", "numel: integer multiplication overflow")]
    [InlineData("scalar", "-1", "SS0404", "numel: integer multiplication overflow")]
    [InlineData("Nx3", "N+1,3", "SS0412", "The expanded size of the tensor (N+1) must match the existing size (N) at non-singleton dimension 0.  Target sizes: [N+1, 3].  Tensor sizes: [N, 3]")]
    public void Expand(string input, string sizes, string expected, string? torch)
    {
        var r = Expansion.Expand(S(input), Dims(sizes));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Fact]
    public void ExpandAsUsesTheOthersShape()
    {
        Assert.Equal("2x3", Show(Expansion.ExpandAs(S("1x3"), S("2x3"))));
        Assert.Equal("The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [1, 3]",
            Expansion.ExpandAs(S("1x3"), S("2x4")).Error!.TorchMessage);
    }

    [Theory]
    [InlineData("2x3", "1,2,3", "1x4x9", null)]
    [InlineData("scalar", "2,3", "2x3", null)]
    [InlineData("scalar", "", "scalar", null)]
    [InlineData("2x3", "0,1", "0x3", null)]
    [InlineData("Nx3", "2,1", "(2*N)x3", null)]
    [InlineData("2x3", "2", "SS0413", "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")]
    [InlineData("2x3", "-1,2", "SS0404", "Trying to create tensor with negative dimension -2: [-2, 6]")]
    [InlineData("2x3", "0,-1", "SS0404", "Trying to create tensor with negative dimension -3: [0, -3]")]
    public void Repeat(string input, string repeats, string expected, string? torch)
    {
        var r = Expansion.Repeat(S(input), Dims(repeats));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("2x3", 2, null, "12", null)]
    [InlineData("2x3", 2, 1L, "2x6", null)]
    [InlineData("2x3", 0, 1L, "2x0", null)]
    [InlineData("scalar", 3, null, "3", null)]
    [InlineData("NxT", 2, 1L, "Nx(2*T)", null)]
    [InlineData("2x3", 2, 2L, "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    [InlineData("2x3", -1, 1L, "SS0415", "repeats can not be negative")]
    [InlineData("scalar", 3, 0L, "SS0415", "Dimension specified as 0 but tensor has no dimensions")]
    public void RepeatInterleave(string input, long repeats, long? dim, string expected, string? torch)
    {
        var r = Expansion.RepeatInterleave(S(input), repeats, dim);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
