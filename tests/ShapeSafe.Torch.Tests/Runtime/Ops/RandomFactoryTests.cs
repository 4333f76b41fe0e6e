using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime.Ops;

/// <summary>
/// Random factories run in forward (their values depend on the generator, so no parity with PyTorch): shape, dtype and
/// range as PyTorch 1.13 gives them; and the uninitialized ones (empty, empty_like, new_empty, FloatTensor(sizes)) by
/// shape and dtype.
/// </summary>
public sealed class RandomFactoryTests
{
    private const string Model = """
        import torch
        import torch.nn as nn


        # shapesafe: input 2x3
        class Factories(nn.Module):
            def forward(self, x):
                return (
                    torch.randint(0, 5, (4, 6)),
                    torch.randint(3, (2, 2), dtype=torch.int32),
                    torch.randperm(7),
                    torch.randint_like(x, 2, 9),
                    torch.bernoulli(torch.sigmoid(x)),
                    torch.bernoulli(x, 0.25),
                    torch.empty(2, 3),
                    torch.empty_like(x),
                    x.new_empty(4),
                    torch.empty((2, 3), dtype=torch.float64),
                    torch.FloatTensor(2, 3),
                )
        """;

    private static IReadOnlyList<Tensor> Run()
    {
        var check = CheckService.Check("inline/random_factories.py", Model);
        var built = GraphModule.Build(check);
        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        module.eval();
        using var noGrad = no_grad();
        var result = (IReadOnlyList<object?>)module.Run(randn(2, 3))!;
        return [.. result.Cast<Tensor>()];
    }

    [Fact]
    public void RandomIntegersHaveTheirShapeDtypeAndRange()
    {
        using var scope = NewDisposeScope();
        var outputs = Run();

        var (low, high) = (outputs[0], outputs[1]);
        Assert.Equal([4L, 6L], low.shape);
        Assert.Equal(ScalarType.Int64, low.dtype);
        Assert.True(low.min().item<long>() >= 0 && low.max().item<long>() < 5);
        Assert.Equal(ScalarType.Int32, high.dtype);
        Assert.True(high.min().item<int>() >= 0 && high.max().item<int>() < 3);

        var permutation = outputs[2];
        Assert.Equal(ScalarType.Int64, permutation.dtype);
        Assert.Equal(arange(7).data<long>().ToArray(), permutation.sort().Values.data<long>().ToArray());

        var like = outputs[3];
        Assert.Equal([2L, 3L], like.shape);
        Assert.Equal(ScalarType.Float32, like.dtype);
        Assert.True(like.min().item<float>() >= 2 && like.max().item<float>() < 9);
        Assert.True(like.eq(like.floor()).all().item<bool>());
    }

    [Fact]
    public void BernoulliDrawsZerosAndOnesOfTheInputsShape()
    {
        using var scope = NewDisposeScope();
        var outputs = Run();

        foreach (var draw in new[] { outputs[4], outputs[5] })
        {
            Assert.Equal([2L, 3L], draw.shape);
            Assert.Equal(ScalarType.Float32, draw.dtype);
            Assert.True(draw.eq(0).logical_or(draw.eq(1)).all().item<bool>());
        }
    }

    [Fact]
    public void UninitializedTensorsHaveTheirShapeAndDtype()
    {
        using var scope = NewDisposeScope();
        var outputs = Run();

        Assert.Equal([2L, 3L], outputs[6].shape);
        Assert.Equal(ScalarType.Float32, outputs[6].dtype);
        Assert.Equal([2L, 3L], outputs[7].shape);
        Assert.Equal([4L], outputs[8].shape);
        Assert.Equal(ScalarType.Float32, outputs[8].dtype);
        Assert.Equal(ScalarType.Float64, outputs[9].dtype);
        Assert.Equal([2L, 3L], outputs[10].shape);
        Assert.Equal(ScalarType.Float32, outputs[10].dtype);
    }
}
