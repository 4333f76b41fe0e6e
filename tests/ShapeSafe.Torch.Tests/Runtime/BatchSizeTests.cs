using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime;

/// <summary>Sizes read in forward are graph nodes, not the recorded constants: a model checked at batch 2 runs at batch 5.</summary>
public sealed class BatchSizeTests
{
    private const string Source = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F


        # shapesafe: input 2x3x8x8
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv = nn.Conv2d(3, 4, 3, padding=1)
                self.fc = nn.Linear(4 * 4 * 4, 6)

            def forward(self, x):
                b, c, h, w = x.size()
                x = F.max_pool2d(F.relu(self.conv(x)), 2)
                x = x.view(b, -1)
                return self.fc(x) * (x.shape[1] // 64)
        """;

    [Fact]
    public void ModelRecordedAtBatchTwoRunsAtBatchFive()
    {
        var built = GraphModule.Build(CheckService.Check("net.py", Source));
        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        module.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        manual_seed(1);
        var x = randn(5, 3, 8, 8);

        var whole = module.forward(x);
        var pieces = cat([module.forward(x[..2]), module.forward(x[2..4]), module.forward(x[4..])], 0);

        Assert.Equal([5L, 6L], whole.shape);
        Assert.True(whole.allclose(pieces, rtol: 1e-5, atol: 1e-6));
    }
}
