using TorchSharp;

namespace ShapeSafe.Tests.Native;

public sealed class LibTorchLoadTests
{
    [Fact]
    public void Conv2dRunsOnCpuAfterTheBuildTimePatch()
    {
        using var conv = torch.nn.Conv2d(3, 16, 3, padding: 1);
        using var x = torch.randn(2, 3, 8, 8);
        using var y = conv.forward(x);
        Assert.Equal(new long[] { 2, 16, 8, 8 }, y.shape);
    }
}
