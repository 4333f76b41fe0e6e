using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class MatrixProductsTests
{
    [Theory]
    [InlineData("3", "3", "scalar")]
    [InlineData("3", "4", "SS0401")]
    [InlineData("3", "3x5", "5")]
    [InlineData("3", "4x5", "SS0401")]
    [InlineData("4x5", "5", "4")]
    [InlineData("4x5", "3", "SS0401")]
    [InlineData("4x5", "5x6", "4x6")]
    [InlineData("128x29040", "2048x50", "SS0401")]
    [InlineData("2x4x5", "5", "2x4")]
    [InlineData("2x4x5", "3", "SS0401")]
    [InlineData("4", "2x4x5", "2x5")]
    [InlineData("3", "2x4x5", "SS0401")]
    [InlineData("3x4x5", "5x7", "3x4x7")]
    [InlineData("3x4x5", "6x7", "SS0401")]
    [InlineData("4x5", "2x5x7", "2x4x7")]
    [InlineData("4x5", "2x6x7", "SS0401")]
    [InlineData("2x1x3x4", "5x4x6", "2x5x3x6")]
    [InlineData("2x1x4x5", "1x3x5x7", "2x3x4x7")]
    [InlineData("2x3x4", "3x5x6", "SS0400")]
    [InlineData("2x3x4", "2x5x6", "SS0401")]
    [InlineData("scalar", "3", "SS0402")]
    [InlineData("4x5", "scalar", "SS0402")]
    [InlineData("Nx2048", "2048x50", "Nx50")]
    [InlineData("NxK", "2048x50", "Nx50")]
    [InlineData("Nx(K+1)", "Kx50", "SS0401")]
    [InlineData("BxTxC", "BxCxT", "BxTxT")]
    public void MatmulCoversEveryRankCase(string a, string b, string expected) =>
        Assert.Equal(expected, Show(MatrixProducts.Matmul(S(a), S(b))));

    [Theory]
    [InlineData("128x29040", "2048x50", "mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)")]
    [InlineData("3", "4", "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively")]
    [InlineData("3", "4x5", "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)")]
    [InlineData("4x5", "3", "size mismatch, got 4, 4x5,3")]
    [InlineData("2x4x5", "3", "size mismatch, got 8, 8x5,3")]
    [InlineData("3", "2x4x5", "size mismatch, got 10, 10x4,3")]
    [InlineData("3x4x5", "6x7", "mat1 and mat2 shapes cannot be multiplied (12x5 and 6x7)")]
    [InlineData("4x5", "2x6x7", "mat1 and mat2 shapes cannot be multiplied (14x6 and 5x4)")]
    [InlineData("2x3x4x5", "3x6x7", "Expected size for first two dimensions of batch2 tensor to be: [6, 5] but got: [6, 6].")]
    [InlineData("2x3x4", "3x5x6", "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0")]
    [InlineData("4x5", "scalar", "both arguments to matmul need to be at least 1D, but they are 2D and 0D")]
    public void MatmulQuotesPyTorch(string a, string b, string torch) =>
        Assert.Equal(torch, MatrixProducts.Matmul(S(a), S(b)).Error!.TorchMessage);

    [Fact]
    public void MatmulMessageNamesOpShapesAndSizes() =>
        Assert.Equal("matmul: 128x29040 and 2048x50 cannot be multiplied: the contracted sizes 29040 and 2048 differ",
            MatrixProducts.Matmul(S("128x29040"), S("2048x50")).Error!.Message);

    [Theory]
    [InlineData("mm", "2x3", "3x4", "2x4", null)]
    [InlineData("mm", "2x3", "4x5", "SS0401", "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")]
    [InlineData("mm", "2x3x4", "4x5", "SS0402", "self must be a matrix")]
    [InlineData("mm", "2x3", "3x4x5", "SS0402", "mat2 must be a matrix")]
    [InlineData("bmm", "2x3x4", "2x4x6", "2x3x6", null)]
    [InlineData("bmm", "2x3x4", "2x5x6", "SS0401", "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].")]
    [InlineData("bmm", "2x3x4", "3x4x6", "SS0401", "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].")]
    [InlineData("bmm", "3x4", "2x4x6", "SS0402", "batch1 must be a 3D tensor")]
    [InlineData("bmm", "2x3x4", "4x6", "SS0402", "batch2 must be a 3D tensor")]
    [InlineData("mv", "4x5", "5", "4", null)]
    [InlineData("mv", "4x5", "4", "SS0401", "size mismatch, got 4, 4x5,4")]
    [InlineData("mv", "4", "4", "SS0402", "vector + matrix @ vector expected, got 1, 1, 1")]
    [InlineData("mv", "4x5", "5x1", "SS0402", "vector + matrix @ vector expected, got 1, 2, 2")]
    [InlineData("dot", "4", "4", "scalar", null)]
    [InlineData("dot", "4", "5", "SS0401", "inconsistent tensor size, expected tensor [4] and src [5] to have the same number of elements, but got 4 and 5 elements respectively")]
    [InlineData("dot", "4x5", "5", "SS0402", "1D tensors expected, but got 2D and 1D tensors")]
    [InlineData("inner", "2x3", "4x5x3", "2x4x5", null)]
    [InlineData("inner", "3", "3", "scalar", null)]
    [InlineData("inner", "scalar", "4x5", "4x5", null)]
    [InlineData("inner", "2x3", "4x5", "SS0401", "inner() the last dimension must match on both input tensors but got shapes [2, 3] and [4, 5]")]
    public void TwoOperandProducts(string op, string a, string b, string expected, string? torch)
    {
        var r = op switch
        {
            "mm" => MatrixProducts.Mm(S(a), S(b)),
            "bmm" => MatrixProducts.Bmm(S(a), S(b)),
            "mv" => MatrixProducts.Mv(S(a), S(b)),
            "inner" => MatrixProducts.Inner(S(a), S(b)),
            _ => MatrixProducts.Dot(S(a), S(b)),
        };
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("addmm", "2x5", "2x3", "3x5", "2x5", null)]
    [InlineData("addmm", "5", "2x3", "3x5", "2x5", null)]
    [InlineData("addmm", "2x5", "2x3", "4x5", "SS0401", "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")]
    [InlineData("addmm", "7x5", "2x3", "4x5", "SS0401", "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")]
    [InlineData("addmm", "3x5", "2x3", "3x5", "SS0412", "The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [2, 5].  Tensor sizes: [3, 5]")]
    [InlineData("addmm", "1x2x5", "2x3", "3x5", "SS0413", "expand(torch.FloatTensor{[1, 2, 5]}, size=[2, 5]): the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (3)")]
    [InlineData("addmm", "2x5", "2x3x3", "3x5", "SS0402", "mat1 must be a matrix, got 3-D tensor")]
    [InlineData("addmm", "2x5", "2x3", "3x5x1", "SS0402", "mat2 must be a matrix, got 3-D tensor")]
    [InlineData("baddbmm", "2x3x5", "2x3x4", "2x4x5", "2x3x5", null)]
    [InlineData("baddbmm", "3x5", "2x3x4", "2x4x5", "2x3x5", null)]
    [InlineData("baddbmm", "2x3x5", "2x3x4", "2x5x5", "SS0401", "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].")]
    [InlineData("baddbmm", "2x4x5", "2x3x4", "2x4x5", "SS0412", "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 1.  Target sizes: [2, 3, 5].  Tensor sizes: [2, 4, 5]")]
    [InlineData("baddbmm", "3x3x5", "2x3x4", "2x4x5", "SS0412", "The expanded size of the tensor (2) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [2, 3, 5].  Tensor sizes: [3, 3, 5]")]
    [InlineData("baddbmm", "2x3x5", "3x4", "2x4x5", "SS0412", "The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [3, 4, 5].  Tensor sizes: [2, 3, 5]")]
    [InlineData("baddbmm", "2x3x5", "2x3x4", "4x5", "SS0407", "Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    public void BiasedProducts(string op, string bias, string a, string b, string expected, string? torch)
    {
        var r = op == "addmm" ? MatrixProducts.Addmm(S(bias), S(a), S(b)) : MatrixProducts.Baddbmm(S(bias), S(a), S(b));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("128x29040", "50x2048", "", "SS0401", "mat1 and mat2 shapes cannot be multiplied (128x29040 and 2048x50)")]
    [InlineData("2048", "50x2048", "", "50", null)]
    [InlineData("4x2048", "50x2048", "50", "4x50", null)]
    [InlineData("4x2048", "50x2048", "40", "SS0412", "The expanded size of the tensor (50) must match the existing size (40) at non-singleton dimension 1.  Target sizes: [4, 50].  Tensor sizes: [40]")]
    [InlineData("3x4x2048", "50x2048", "40", "SS0412", "The expanded size of the tensor (50) must match the existing size (40) at non-singleton dimension 1.  Target sizes: [12, 50].  Tensor sizes: [40]")]
    [InlineData("3x4x2048", "2x50x2048", "", "SS0402", "t() expects a tensor with <= 2 dimensions, but self is 3D")]
    [InlineData("4x5", "5", "", "4", null)]
    [InlineData("4x5", "6", "", "SS0401", "size mismatch, got 4, 4x5,6")]
    [InlineData("4x5", "3x5", "4x3", "4x3", null)]
    [InlineData("4x5", "3x5", "2x4x3", "SS0413", "expand(torch.FloatTensor{[2, 4, 3]}, size=[4, 3]): the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (3)")]
    [InlineData("scalar", "3x5", "", "SS0402", "both arguments to matmul need to be at least 1D, but they are 0D and 2D")]
    [InlineData("4", "3x5", "", "SS0401", "mat1 and mat2 shapes cannot be multiplied (1x4 and 5x3)")]
    [InlineData("2x3x4", "3x5", "", "SS0401", "mat1 and mat2 shapes cannot be multiplied (6x4 and 5x3)")]
    [InlineData("2x3x5", "3x5", "", "2x3x3", null)]
    [InlineData("2x3x4x5", "6x5", "7", "SS0400", "The size of tensor a (6) must match the size of tensor b (7) at non-singleton dimension 3")]
    [InlineData("2x3x4x5", "6x5", "2x1x1x6", "2x3x4x6", null)]
    [InlineData("5", "6x5", "7", "SS0400", "The size of tensor a (6) must match the size of tensor b (7) at non-singleton dimension 0")]
    [InlineData("5", "6x5", "1", "6", null)]
    [InlineData("2x3x5", "6x5", "3x6", "SS0412", "The expanded size of the tensor (6) must match the existing size (3) at non-singleton dimension 0.  Target sizes: [6, 6].  Tensor sizes: [3, 6]")]
    [InlineData("2x3x5", "6x5", "6x6", "2x3x6", null)]
    [InlineData("2x5", "scalar", "", "SS0402", "both arguments to matmul need to be at least 1D, but they are 2D and 0D")]
    [InlineData("2x5", "5", "2", "SS0402", "mat2 must be a matrix, got 1-D tensor")]
    [InlineData("4x2x5", "5", "2", "SS0402", "mat2 must be a matrix, got 1-D tensor")]
    [InlineData("Nx2048", "50x2048", "50", "Nx50", null)]
    [InlineData("NxTx512", "10x512", "10", "NxTx10", null)]
    public void LinearFollowsPyTorch113(string input, string weight, string bias, string expected, string? torch)
    {
        var r = MatrixProducts.Linear(S(input), S(weight), bias.Length == 0 ? null : S(bias));
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }

    [Theory]
    [InlineData("ij,jk", "2x3;3x4", "2x4", null)]
    [InlineData("bij,bjk->bik", "2x3x4;2x4x5", "2x3x5", null)]
    [InlineData("i,i->", "3;3", "scalar", null)]
    [InlineData("...ij,...jk", "5x2x3;3x4", "5x2x4", null)]
    [InlineData("ii->i", "3x3", "3", null)]
    [InlineData("ba,ab", "2x3;3x2", "scalar", null)]
    [InlineData("i...->...", "2x3x4", "3x4", null)]
    [InlineData("bhqd,bhkd->bhqk", "2x1x3x4;2x5x6x4", "2x5x3x6", null)]
    [InlineData("b i j, b j k -> b i k", "Nx3x4;Nx4x5", "Nx3x5", null)]
    [InlineData("ij,jk", "2x3;4x4", "SS0415", "einsum(): subscript j has size 4 for operand 1 which does not broadcast with previously seen size 3")]
    [InlineData("ij", "2x3x4", "SS0415", "einsum(): the number of subscripts in the equation (2) does not match the number of dimensions (3) for operand 0 and no ellipsis was given")]
    [InlineData("ij,jk", "2x3", "SS0415", "einsum(): fewer operands were provided than specified in the equation")]
    [InlineData("ij", "2x3;3x4", "SS0415", "einsum(): more operands were provided than specified in the equation")]
    [InlineData("ij->k", "2x3", "SS0415", "einsum(): output subscript k does not appear in the equation for any input operand")]
    public void Einsum(string equation, string operands, string expected, string? torch)
    {
        var r = MatrixProducts.Einsum(equation, [.. operands.Split(';').Select(S)]);
        Assert.Equal(expected, Show(r));
        Assert.Equal(torch, r.Error?.TorchMessage);
    }
}
