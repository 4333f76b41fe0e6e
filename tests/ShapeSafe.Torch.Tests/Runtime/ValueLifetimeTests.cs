using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime;

/// <summary>
/// The graph runtime drops each tensor it made once nothing later reads it (as <c>Sequential</c> disposes each layer's
/// input), and keeps every tensor that an in-place method, an identity, an item of a multi-result call or the output still
/// holds.
/// </summary>
public sealed class ValueLifetimeTests
{
    private const string Chain = """
        import torch.nn as nn
        import torch.nn.functional as F


        # shapesafe: input 2x3x8x8
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
                self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
                self.fc = nn.Linear(8 * 4 * 4, 5)

            def forward(self, x):
                x = F.relu(self.conv1(x))
                x = F.relu(self.conv2(x))
                x = F.max_pool2d(x, 2)
                x = x.flatten(1)
                return self.fc(x).sigmoid()
        """;

    private const string Aliases = """
        import torch.nn as nn
        import torch.nn.functional as F


        # shapesafe: input 3x4
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(4, 4)
                self.same = nn.Identity()

            def forward(self, x):
                y = self.fc(x)
                z = self.same(y)
                a, b = z.chunk(2, dim=1)
                c = F.relu(a * 2.0)
                s = c + b
                s += y[:, :2]
                return s, y, c
        """;

    [Fact]
    public void ForwardWithoutGradientsLeavesOnlyItsOutputInTheScope()
    {
        using var module = Build(Chain);
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 8, 8);
        var before = scope.DisposablesCount;

        var output = module.forward(x);

        // Seven tensors are made on the way (two convolutions, two relus, the pooling, the flatten, fc); only the output stays.
        Assert.Equal(before + 1, scope.DisposablesCount);
        Assert.Equal([2L, 5L], output.shape);
        Assert.False(x.IsInvalid);
    }

    [Fact]
    public void ValuesThatOthersStillHoldSurviveAndGradientsFlow()
    {
        using var module = Build(Aliases);
        module.train();
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = randn(3, 4);
        var weight = module.get_parameter("fc.weight")!;
        var bias = module.get_parameter("fc.bias")!;

        var result = Assert.IsType<List<object?>>(module.Run(x), exactMatch: false);
        var (s, y, c) = ((Tensor)result[0]!, (Tensor)result[1]!, (Tensor)result[2]!);
        (s.sum() + c.sum()).backward();

        // The reference, written out by hand on the same parameters: y = x W^T + b, c = relu(2 y[:, :2]), s = c + y[:, 2:] + y[:, :2].
        var w = weight.detach().clone().requires_grad_(true);
        var y0 = x.matmul(w.t()) + bias.detach();
        var c0 = (y0[.., ..2] * 2.0).relu();
        var s0 = c0 + y0[.., 2..] + y0[.., ..2];
        (s0.sum() + c0.sum()).backward();

        Assert.True(y.allclose(y0, rtol: 1e-5, atol: 1e-6));
        Assert.True(c.allclose(c0, rtol: 1e-5, atol: 1e-6));
        Assert.True(s.allclose(s0, rtol: 1e-5, atol: 1e-6));
        Assert.True(weight.grad!.allclose(w.grad!, rtol: 1e-5, atol: 1e-6));
        Assert.False(x.IsInvalid);
    }

    [Fact]
    public void RepeatedRunsGiveTheSameOutputs()
    {
        using var module = Build(Aliases);
        module.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = randn(3, 4);

        var first = (List<object?>)module.Run(x)!;
        var second = (List<object?>)module.Run(x)!;

        for (var i = 0; i < 3; i++)
        {
            Assert.True(((Tensor)first[i]!).allclose((Tensor)second[i]!, rtol: 0, atol: 0));
        }
    }

    private static GraphModule Build(string source)
    {
        var built = GraphModule.Build(CheckService.Check("net.py", source));
        Assert.True(built.Succeeded, built.Failure);
        return built.Module!;
    }
}
