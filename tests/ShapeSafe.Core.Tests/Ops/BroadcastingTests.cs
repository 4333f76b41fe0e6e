using ShapeSafe.Ops;
using static ShapeSafe.Tests.Ops.OpText;

namespace ShapeSafe.Tests.Ops;

public sealed class BroadcastingTests
{
    [Theory]
    [InlineData("2x3x4", "2x1x4", "2x3x4")]
    [InlineData("2x3", "3", "2x3")]
    [InlineData("3x1", "1x4", "3x4")]
    [InlineData("scalar", "2x3", "2x3")]
    [InlineData("scalar", "scalar", "scalar")]
    [InlineData("0x3", "1x3", "0x3")]
    [InlineData("5x1x4", "3x1", "5x3x4")]
    [InlineData("2x3", "2x4", "SS0400")]
    [InlineData("2x0", "2x3", "SS0400")]
    [InlineData("Nx3", "1x3", "Nx3")]
    [InlineData("Nx3", "3", "Nx3")]
    [InlineData("N", "3", "3")]
    [InlineData("3", "N", "3")]
    [InlineData("N", "M", "N")]
    [InlineData("N", "N", "N")]
    [InlineData("N", "1", "N")]
    [InlineData("N", "N+1", "SS0400")]
    [InlineData("Nx3", "Nx4", "SS0400")]
    public void BroadcastsTwoShapes(string a, string b, string expected) =>
        Assert.Equal(expected, Show(Broadcasting.Broadcast(S(a), S(b))));

    [Theory]
    [InlineData("2x3;2x3;4x1x4", "SS0400")]
    [InlineData("2x1;3;1", "2x3")]
    [InlineData("1;1x1;1x1x5", "1x1x5")]
    public void BroadcastsManyShapesLeftToRight(string shapes, string expected) =>
        Assert.Equal(expected, Show(Broadcasting.Broadcast("where", shapes.Split(';').Select(S).ToArray())));

    [Theory]
    [InlineData("2x3", "2x4", "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1",
        "add: the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")]
    [InlineData("4x1x4", "2x3", "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 2",
        "add: the size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 2")]
    public void QuotesPyTorch(string a, string b, string torch, string message)
    {
        var error = Broadcasting.Broadcast(S(a), S(b)).Error!;
        Assert.Equal(torch, error.TorchMessage);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void NamesTheFirstFailingPairOfAFold()
    {
        // torch.where(z(2,3) > 0, z(2,3), z(4,1,4))
        var error = Broadcasting.Broadcast("where", [S("2x3"), S("2x3"), S("4x1x4")]).Error!;
        Assert.Equal("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 2", error.TorchMessage);
    }
}
