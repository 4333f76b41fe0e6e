using ShapeSafe.Checking;
using ShapeSafe.Torch.Runtime;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Runtime.Ops;

/// <summary>
/// Corners of the element-wise ops that PyTorch 1.13 defines (values from PyTorch 1.13): integer division and its
/// signs, Python numbers that do not promote, in-place ops that modify their input and refuse a result type the
/// input cannot hold.
/// </summary>
public sealed class ElementwiseSemanticsTests
{
    private const string Header = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n# shapesafe: input 4:int64, 4\nclass M(nn.Module):\n    def forward(self, k, x):\n";

    public static TheoryData<string, long[], string, float[]> IntegerCases => new()
    {
        // torch.div of int64 by an int is true division (float32); floor_divide and remainder floor, fmod truncates.
        { "torch.div(k, 2)", [-7, 7, -1, 0], "float32", [-3.5f, 3.5f, -0.5f, 0f] },
        { "k / 4", [-7, 7, -1, 0], "float32", [-1.75f, 1.75f, -0.25f, 0f] },
        { "torch.floor_divide(k, 2)", [-7, 7, -1, 0], "int64", [-4, 3, -1, 0] },
        { "k.div(2, rounding_mode='trunc')", [-7, 7, -1, 0], "int64", [-3, 3, 0, 0] },
        { "torch.div(k, 2, rounding_mode='floor')", [-7, 7, -1, 0], "int64", [-4, 3, -1, 0] },
        { "torch.remainder(k, 3)", [-7, 7, -1, 0], "int64", [2, 1, 2, 0] },
        { "k.remainder(-3)", [-7, 7, -1, 0], "int64", [-1, -2, -1, 0] },
        { "torch.fmod(k, 3)", [-7, 7, -1, 0], "int64", [-1, 1, -1, 0] },
        { "k.add(2, alpha=3)", [-7, 7, -1, 0], "int64", [-1, 13, 5, 6] },
        { "torch.rsub(k, 1, alpha=2)", [-7, 7, -1, 0], "int64", [15, -13, 3, 1] },
        { "k.clamp(0, 5)", [-7, 7, -1, 0], "int64", [0, 5, 0, 0] },
        { "k.clamp(0.5, 5)", [-7, 7, -1, 0], "float32", [0.5f, 5f, 0.5f, 0.5f] },
        { "k * 0.5", [-7, 7, -1, 0], "float32", [-3.5f, 3.5f, -0.5f, 0f] },
        { "torch.where(k > 0, k, 0)", [-7, 7, -1, 0], "int64", [0, 7, 0, 0] },
        { "torch.where(k > 0, 1.0, 0.0)", [-7, 7, -1, 0], "float32", [0f, 1f, 0f, 0f] },
        { "k.cumsum(0)", [-7, 7, -1, 0], "int64", [-7, 0, -1, -1] },
        { "k.float().softmax(0, dtype=torch.float64)", [0, 0, 0, 0], "float64", [0.25f, 0.25f, 0.25f, 0.25f] },
        { "k.eq(7).float() + k.__lt__(0)", [-7, 7, -1, 0], "float32", [1f, 1f, 1f, 0f] },
    };

    [Theory]
    [MemberData(nameof(IntegerCases))]
    public void IntegerOpsFollowPyTorch(string expression, long[] input, string dtype, float[] expected)
    {
        using var module = Build("        return " + expression + "\n");
        using var scope = NewDisposeScope();
        var result = (Tensor)module.Run(tensor(input), zeros(4))!;

        Assert.Equal(dtype, result.dtype.ToString().ToLowerInvariant() switch
        {
            "int64" => "int64",
            "float32" => "float32",
            "float64" => "float64",
            var other => other,
        });
        Assert.Equal(expected, result.to_type(ScalarType.Float32).data<float>().ToArray());
    }

    [Theory]
    [InlineData("        y = x.clone()\n        y.set_(x * 2)\n        return y\n", new[] { 2f, 4f, 6f, 8f }, new long[] { 4 })]
    [InlineData("        y = x.clone()\n        y.resize_as_(x[:2])\n        return y\n", new[] { 1f, 2f }, new long[] { 2 })]
    [InlineData("        y = x.clone()\n        y.resize_as_(x.view(2, 2))\n        return y\n", new[] { 1f, 2f, 3f, 4f }, new long[] { 2, 2 })]
    [InlineData("        y = x.clone()\n        return y.index_fill_(0, k[:2], -1.0)\n", new[] { -1f, 2f, 3f, -1f }, new long[] { 4 })]
    [InlineData("        y = x.clone()\n        return y.scatter_(0, k[:2], x[:2] * 10, reduce='add')\n", new[] { 21f, 2f, 3f, 14f }, new long[] { 4 })]
    [InlineData("        y = torch.zeros_like(x)\n        return y.copy_(x).fill_(2).add_(x)\n", new[] { 3f, 4f, 5f, 6f }, new long[] { 4 })]
    public void InPlaceWritesFollowPyTorch(string body, float[] expected, long[] shape)
    {
        using var module = Build(body);
        using var scope = NewDisposeScope();
        var result = (Tensor)module.Run(tensor(new long[] { 3, 0, 3, 4 }), tensor(new[] { 1f, 2f, 3f, 4f }))!;

        Assert.Equal(shape, result.shape);
        Assert.Equal(expected, result.data<float>().ToArray());
    }

    [Fact]
    public void RreluInTrainingDrawsEachNegativeSlopeFromLowerToUpper()
    {
        using var module = Build("        return F.rrelu(x, 0.1, 0.3, training=True)\n");
        using var scope = NewDisposeScope();
        var x = -arange(1, 1001, ScalarType.Float32);
        var result = (Tensor)module.Run(zeros(4, ScalarType.Int64), x)!;
        var slope = result / x;

        Assert.True(slope.min().item<float>() >= 0.1f - 1e-6f && slope.max().item<float>() <= 0.3f + 1e-6f);
        Assert.True(slope.std().item<float>() > 0.01f, "the slopes are drawn per element");
    }

    [Fact]
    public void PythonNumbersKeepAFloat32TensorFloat32()
    {
        using var module = Build("        return x * 0.1 + torch.add(x, 2.5, alpha=2) + x.pow(2) + torch.where(x > 0, x, 0.5)\n");
        using var scope = NewDisposeScope();
        var result = (Tensor)module.Run(zeros(4, ScalarType.Int64), ones(4))!;

        Assert.Equal(ScalarType.Float32, result.dtype);
        Assert.Equal(0.1f + 6f + 1f + 1f, result[0].item<float>(), 5);
    }

    [Fact]
    public void InPlaceOpsModifyTheirInputAndReturnIt()
    {
        using var module = Build("        y = x.clone()\n        F.relu(y, inplace=True)\n        x.sigmoid_()\n        y.add_(1, alpha=2).masked_fill_(y > 2.5, 0.0)\n        return y, x\n");
        using var scope = NewDisposeScope();
        var x = tensor(new[] { -1f, 0f, 1f, 2f });
        var result = (IReadOnlyList<object?>)module.Run(zeros(4, ScalarType.Int64), x)!;

        Assert.Equal([2f, 2f, 0f, 0f], ((Tensor)result[0]!).data<float>().ToArray());
        Assert.Same(x, result[1]);
        Assert.Equal(1f / (1f + MathF.Exp(1f)), x[0].item<float>(), 6);
    }

    [Theory]
    [InlineData("x.to(torch.float32)", true)]
    [InlineData("x.type_as(x)", true)]
    [InlineData("x.to(x.device)", true)]
    [InlineData("x.to('cpu', torch.float32, False)", true)]
    [InlineData("x.to(torch.float32, False, True)", false)]
    [InlineData("x.to(torch.float32, copy=True)", false)]
    [InlineData("x.clone()", false)]
    public void MovesToWhatATensorAlreadyIsReturnItUnlessCopied(string expression, bool same)
    {
        using var module = Build("        return " + expression + "\n");
        using var scope = NewDisposeScope();
        var x = ones(4);
        var result = (Tensor)module.Run(zeros(4, ScalarType.Int64), x)!;

        Assert.Equal(same, ReferenceEquals(x, result));
        Assert.Equal(ScalarType.Float32, result.dtype);
    }

    [Theory]
    [InlineData("k.sqrt_()", "result type Float can't be cast to the desired output type Long")]
    [InlineData("k.div_(2)", "result type Float can't be cast to the desired output type Long")]
    [InlineData("torch.sub(k > 0, k < 0)", "Subtraction, the `-` operator, with two bool tensors is not supported")]
    [InlineData("k.sub(k > 0)", "Subtraction, the `-` operator, with a bool tensor is not supported")]
    [InlineData("torch.clamp(k)", "At least one of 'min' or 'max' must not be None")]
    [InlineData("x.scatter_(0, k, x, reduce='multiply')", "reduce='multiply' is not run")]
    [InlineData("torch.div(k, 2, rounding_mode='round')", "rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'")]
    [InlineData("F.dropout(x, 1.5)", "dropout probability has to be between 0 and 1, but got 1.5")]
    public void WhatPyTorchRefusesIsRefusedWithItsLine(string expression, string message)
    {
        using var module = Build("        return " + expression + "\n");
        using var scope = NewDisposeScope();

        var e = Assert.Throws<GraphRunException>(() => module.Run(tensor(new long[] { 1, 2, 3, 4 }), zeros(4)));
        Assert.Contains("line 9: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    private static GraphModule Build(string body)
    {
        var check = CheckService.Check("elementwise_case.py", Header + body);
        var built = GraphModule.Build(check);
        Assert.True(built.Succeeded, built.Failure + " " + string.Join("; ", check.Diagnostics.Select(d => d.Message)));
        built.Module!.eval();
        return built.Module!;
    }
}
