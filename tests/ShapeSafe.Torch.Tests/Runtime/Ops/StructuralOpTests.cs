using ShapeSafe.Dataflow;
using ShapeSafe.Torch.Runtime;
using ShapeSafe.Torch.Runtime.Ops;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime.Ops;

/// <summary>
/// Structural ops called directly: values the parity models cannot show (an in-place shape method returns the very tensor
/// it changed, Python data's inferred dtype, new_* keeping the dtype), and the clear refusal of arguments PyTorch rejects,
/// checked before libtorch sees them (a mismatched matrix product aborts the process on CPU).
/// </summary>
public sealed class StructuralOpTests
{
    private static object? Call(NodeKind kind, string target, object?[] args, Dictionary<string, object?>? kwargs = null)
    {
        var node = new Node(0, kind, target, []);
        var op = OpTable.Find(node) ?? throw new InvalidOperationException("no op for " + target);
        return op(new OpCall(node, args, kwargs ?? new Dictionary<string, object?>(StringComparer.Ordinal), training: false));
    }

    [Theory]
    [InlineData("unsqueeze_", 0L, new long[] { 1, 1, 2, 3 })]
    [InlineData("squeeze_", null, new long[] { 2, 3 })]
    [InlineData("transpose_", 1L, new long[] { 2, 1, 3 })]
    public void InPlaceShapeMethodsChangeAndReturnTheSameTensor(string method, long? dim, long[] shape)
    {
        using var x = ones(1, 2, 3);
        var args = method == "transpose_" ? new object?[] { x, 0L, dim } : dim is null ? [x] : [x, dim];

        var result = Call(NodeKind.CallMethod, method, args);

        Assert.Same(x, result);
        Assert.Equal(shape, x.shape);
    }

    [Fact]
    public void TInPlaceTransposesAMatrixAndLeavesAVector()
    {
        using var m = arange(6).reshape(2, 3);
        using var v = arange(3);

        Assert.Same(m, Call(NodeKind.CallMethod, "t_", [m]));
        Assert.Equal([3L, 2L], m.shape);
        Assert.Same(v, Call(NodeKind.CallMethod, "t_", [v]));
        Assert.Equal([3L], v.shape);
    }

    [Theory]
    [InlineData(new object[] { 1L, 2L }, ScalarType.Int64)]
    [InlineData(new object[] { 1L, 2.5 }, ScalarType.Float32)]
    [InlineData(new object[] { true, false }, ScalarType.Bool)]
    [InlineData(new object[] { true, 3L }, ScalarType.Int64)]
    public void TensorFromPythonDataInfersPyTorchsDtype(object[] data, ScalarType expected)
    {
        using var t = (Tensor)Call(NodeKind.CallFunction, "torch.tensor", [data.Cast<object?>().ToList()])!;

        Assert.Equal(expected, t.dtype);
        Assert.Equal([(long)data.Length], t.shape);
    }

    [Fact]
    public void NewFactoriesKeepTheTensorsDtype()
    {
        using var ids = arange(4);
        using var zeros = (Tensor)Call(NodeKind.CallMethod, "new_zeros", [ids, new List<object?> { 2L, 3L }])!;
        using var full = (Tensor)Call(NodeKind.CallMethod, "new_full", [ids, new List<object?> { 2L }, 7L])!;
        using var floats = (Tensor)Call(NodeKind.CallMethod, "new_ones", [ids, 2L], new Dictionary<string, object?> { ["dtype"] = "torch.float32" })!;

        Assert.Equal(ScalarType.Int64, zeros.dtype);
        Assert.Equal([2L, 3L], zeros.shape);
        Assert.Equal([7L, 7L], full.data<long>().ToArray());
        Assert.Equal(ScalarType.Float32, floats.dtype);
    }

    [Fact]
    public void MedianTakesTheLowerMiddleValueAndSumOfIntegersIsInt64()
    {
        using var x = tensor(new float[] { 4, 1, 3, 2 });
        var pair = (IReadOnlyList<object?>)Call(NodeKind.CallMethod, "median", [x, 0L])!;
        using var ints = tensor(new int[] { 1, 2, 3 });
        using var sum = (Tensor)Call(NodeKind.CallFunction, "torch.sum", [ints])!;
        using var prod = (Tensor)Call(NodeKind.CallMethod, "prod", [ints, 0L])!;

        Assert.Equal(2f, ((Tensor)pair[0]!).item<float>());
        Assert.Equal(3L, ((Tensor)pair[1]!).item<long>());
        Assert.Equal(ScalarType.Int64, sum.dtype);
        Assert.Equal(ScalarType.Int64, prod.dtype);
    }

    public static TheoryData<string, Func<object?[]>, string> Refusals => new()
    {
        { "torch.addmm", () => [zeros(2, 2), zeros(2, 3), zeros(4, 2)], "addmm needs two matrices whose inner sizes agree" },
        { "torch.baddbmm", () => [zeros(2, 3, 3), zeros(2, 3, 4), zeros(3, 4, 3)], "baddbmm needs two 3-D tensors with the same batch size" },
        { "torch.dot", () => [zeros(3), zeros(4)], "dot needs two 1-D tensors of the same size" },
        { "torch.mv", () => [zeros(2, 3), zeros(4)], "mv needs a matrix and a vector of its column count" },
        { "torch.outer", () => [zeros(2, 2), zeros(3)], "outer needs two 1-D tensors" },
        { "torch.inner", () => [zeros(2, 3), zeros(2, 4)], "the last sizes 3 and 4 differ" },
        { "torch.einsum", () => ["ij,jk->ik", zeros(2, 3), zeros(4, 5)], "subscript j has size 4 for operand 1" },
        { "torch.einsum", () => ["ij,jk->ik", zeros(2, 3)], "has 2 operand subscripts, but 1 operands were given" },
        { "torch.kthvalue", () => [zeros(2, 3), 4L], "k (4) is out of range for dimension 1 of size 3" },
        { "torch.topk", () => [zeros(2, 3), 5L], "k (5) is out of range" },
        { "torch.unflatten", () => [zeros(2, 6), 1L, new List<object?> { 4L, 2L }], "do not multiply to dimension 1's size 6" },
        { "torch.tensor_split", () => [zeros(6), 0L], "number of sections must be larger than 0" },
        { "torch.movedim", () => [zeros(2, 3), new List<object?> { 0L, 1L }, 1L], "must have the same number of dims" },
        { "torch.group_norm", () => [zeros(2, 6, 4), 4L], "the channels must divide into the groups" },
        { "torch.nn.functional.max_pool3d", () => [zeros(2, 3, 4), 2L], "3-D pooling expects a 4-D or 5-D input" },
        { "torch.randint", () => [5L, 5L, new List<object?> { 2L }], "low (5) must be below high (5)" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void BadArgumentsAreRefusedWithAClearMessage(string target, Func<object?[]> args, string expected)
    {
        using var scope = NewDisposeScope();

        var e = Assert.Throws<GraphRunException>(() => Call(NodeKind.CallFunction, target, args()));

        Assert.Contains(target, e.Message);
        Assert.Contains(expected, e.Message);
    }
}
