using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Torch.Building;
using TorchSharp;

namespace ShapeSafe.Tests.Building;

/// <summary>Every layer type the engine registers builds, runs in TorchSharp, and produces the shape the engine inferred.</summary>
public sealed class EveryLayerBuildsTests
{
    private const string D2 = "2x6";
    private const string D3 = "2x4x10";
    private const string D4 = "2x4x10x10";
    private const string D5 = "2x4x6x6x6";

    /// <summary>One valid line per registered type, with an input it accepts.</summary>
    private static readonly Dictionary<string, (string Line, string Input)> Examples = new(StringComparer.Ordinal)
    {
        ["AdaptiveAvgPool1d"] = ("AdaptiveAvgPool1d(3)", D3),
        ["AdaptiveAvgPool2d"] = ("AdaptiveAvgPool2d((None, 3))", D4),
        ["AdaptiveAvgPool3d"] = ("AdaptiveAvgPool3d(2)", D5),
        ["AdaptiveMaxPool1d"] = ("AdaptiveMaxPool1d(3)", D3),
        ["AdaptiveMaxPool2d"] = ("AdaptiveMaxPool2d(3)", D4),
        ["AdaptiveMaxPool3d"] = ("AdaptiveMaxPool3d((2, None, 2))", D5),
        ["AlphaDropout"] = ("AlphaDropout(0.2)", D2),
        ["AvgPool1d"] = ("AvgPool1d(3, stride=2, padding=1, ceil_mode=True)", D3),
        ["AvgPool2d"] = ("AvgPool2d(2, divisor_override=3)", D4),
        ["AvgPool3d"] = ("AvgPool3d(2, count_include_pad=False)", D5),
        ["BatchNorm1d"] = ("BatchNorm1d(4)", D3),
        ["BatchNorm2d"] = ("BatchNorm2d(4, eps=0.001)", D4),
        ["BatchNorm3d"] = ("BatchNorm3d(4, momentum=0.2)", D5),
        ["CELU"] = ("CELU(alpha=0.5)", D2),
        ["ConstantPad1d"] = ("ConstantPad1d((1, 2), 0.5)", D3),
        ["ConstantPad2d"] = ("ConstantPad2d(1, 0.0)", D4),
        ["ConstantPad3d"] = ("ConstantPad3d((1, 1, 0, 0, 2, 2), 1.0)", D5),
        ["Conv1d"] = ("Conv1d(4, 8, 4, padding='same', dilation=2)", D3),
        ["Conv2d"] = ("Conv2d(4, 8, (3, 5), stride=2, padding=(1, 2), groups=2, bias=False)", D4),
        ["Conv3d"] = ("Conv3d(4, 4, 3, padding=1, padding_mode='reflect')", D5),
        ["ConvTranspose1d"] = ("ConvTranspose1d(4, 2, 3, stride=2, output_padding=1)", D3),
        ["ConvTranspose2d"] = ("ConvTranspose2d(4, 8, 4, stride=2, padding=1, groups=4)", D4),
        ["ConvTranspose3d"] = ("ConvTranspose3d(4, 2, 2, stride=2, dilation=2)", D5),
        ["Dropout"] = ("Dropout(0.1)", D2),
        ["Dropout1d"] = ("Dropout1d(0.1)", D3),
        ["Dropout2d"] = ("Dropout2d()", D4),
        ["Dropout3d"] = ("Dropout3d(p=0.3)", D5),
        ["ELU"] = ("ELU()", D2),
        ["Flatten"] = ("Flatten()", D4),
        ["GELU"] = ("GELU(approximate='tanh')", D2),
        ["GroupNorm"] = ("GroupNorm(2, 4)", D4),
        ["Hardsigmoid"] = ("Hardsigmoid()", D2),
        ["Hardswish"] = ("Hardswish()", D2),
        ["Hardtanh"] = ("Hardtanh(-2.0, 2.0)", D2),
        ["Identity"] = ("Identity()", D2),
        ["InstanceNorm1d"] = ("InstanceNorm1d(4, affine=True)", D3),
        ["InstanceNorm2d"] = ("InstanceNorm2d(4)", D4),
        ["InstanceNorm3d"] = ("InstanceNorm3d(4, track_running_stats=True)", D5),
        ["LayerNorm"] = ("LayerNorm((10, 10))", D4),
        ["LeakyReLU"] = ("LeakyReLU(0.2)", D2),
        ["Linear"] = ("Linear(6, 3)", D2),
        ["LogSoftmax"] = ("LogSoftmax(dim=1)", D2),
        ["MaxPool1d"] = ("MaxPool1d(2)", D3),
        ["MaxPool2d"] = ("MaxPool2d(3, stride=2, padding=1, dilation=2, ceil_mode=True)", D4),
        ["MaxPool3d"] = ("MaxPool3d(2)", D5),
        ["Mish"] = ("Mish()", D2),
        ["PReLU"] = ("PReLU(4)", D4),
        ["ReLU"] = ("ReLU(inplace=True)", D2),
        ["ReLU6"] = ("ReLU6()", D2),
        ["ReflectionPad1d"] = ("ReflectionPad1d(2)", D3),
        ["ReflectionPad2d"] = ("ReflectionPad2d((1, 1, 2, 0))", D4),
        ["ReflectionPad3d"] = ("ReflectionPad3d(1)", D5),
        ["ReplicationPad1d"] = ("ReplicationPad1d((0, 3))", D3),
        ["ReplicationPad2d"] = ("ReplicationPad2d(2)", D4),
        ["ReplicationPad3d"] = ("ReplicationPad3d(1)", D5),
        ["SELU"] = ("SELU()", D2),
        ["SiLU"] = ("SiLU()", D2),
        ["Sigmoid"] = ("Sigmoid()", D2),
        ["Softmax"] = ("Softmax(dim=-1)", D3),
        ["Softmin"] = ("Softmin(dim=1)", D2),
        ["Softplus"] = ("Softplus(beta=2.0)", D2),
        ["Softsign"] = ("Softsign()", D2),
        ["Tanh"] = ("Tanh()", D2),
        ["Tanhshrink"] = ("Tanhshrink()", D2),
        ["Unflatten"] = ("Unflatten(1, (2, 3))", D2),
        ["Upsample"] = ("Upsample(scale_factor=2, mode='bilinear', align_corners=False)", D4),
        ["UpsamplingBilinear2d"] = ("UpsamplingBilinear2d(size=(5, 7))", D4),
        ["UpsamplingNearest2d"] = ("UpsamplingNearest2d(scale_factor=2)", D4),
        ["ZeroPad1d"] = ("ZeroPad1d(1)", D3),
        ["ZeroPad2d"] = ("ZeroPad2d((1, 0, 2, 1))", D4),
        ["ZeroPad3d"] = ("ZeroPad3d(1)", D5),
        ["LazyBatchNorm1d"] = ("LazyBatchNorm1d()", D3),
        ["LazyBatchNorm2d"] = ("LazyBatchNorm2d()", D4),
        ["LazyBatchNorm3d"] = ("LazyBatchNorm3d()", D5),
        ["LazyConv1d"] = ("LazyConv1d(8, 3)", D3),
        ["LazyConv2d"] = ("LazyConv2d(8, 3, padding=1)", D4),
        ["LazyConv3d"] = ("LazyConv3d(2, 3)", D5),
        ["LazyConvTranspose1d"] = ("LazyConvTranspose1d(2, 3)", D3),
        ["LazyConvTranspose2d"] = ("LazyConvTranspose2d(2, 2, stride=2)", D4),
        ["LazyConvTranspose3d"] = ("LazyConvTranspose3d(2, 3)", D5),
        ["LazyInstanceNorm1d"] = ("LazyInstanceNorm1d()", D3),
        ["LazyInstanceNorm2d"] = ("LazyInstanceNorm2d()", D4),
        ["LazyInstanceNorm3d"] = ("LazyInstanceNorm3d()", D5),
        ["LazyLinear"] = ("LazyLinear(5)", D2),
    };

    [Theory]
    [InlineData("AdaptiveMaxPool3d((2, 3, 1))", "2x4x6x6x6", "2x4x2x3x1")]
    [InlineData("AdaptiveMaxPool2d((None, 2))", "2x4x5x6", "2x4x5x2")]
    [InlineData("AdaptiveAvgPool3d((None, 2, None))", "1x2x3x4x5", "1x2x3x2x5")]
    [InlineData("Upsample(size=4)", "1x2x3", "1x2x4")]
    [InlineData("Upsample(scale_factor=(2, 3), mode='nearest')", "1x2x3x2", "1x2x6x6")]
    [InlineData("Upsample(scale_factor=1.5, mode='trilinear', recompute_scale_factor=True)", "1x1x3x4x5", "1x1x4x6x7")]
    [InlineData("Softmax()", "2x3x4", "2x3x4")]
    [InlineData("ConstantPad2d((1, 2), 0.0)", "1x2x3x4", "1x2x3x7")]
    [InlineData("BatchNorm1d(3, momentum=None)", "2x3", "2x3")]
    [InlineData("InstanceNorm1d(5)", "4x7", "4x7")]
    [InlineData("InstanceNorm3d(2, affine=True)", "2x3x4x5", "2x3x4x5")]
    public void ModulesTorchSharpLacksBehaveAsPyTorch(string line, string input, string expected)
    {
        var built = ModuleBuilder.FromModelText("m", $"input {input}\n{line}");

        Assert.True(built.Succeeded, built.Failure ?? string.Join("; ", built.Diagnostics.Select(d => d.Message)));
        using var module = built.Module!;
        using var scope = torch.NewDisposeScope();
        var output = module.forward(torch.randn(ShapeParser.Parse(input).ToLongArray()!));
        module.eval();
        Assert.Equal(output.shape, module.forward(torch.randn(ShapeParser.Parse(input).ToLongArray()!)).shape);
        Assert.Equal(ShapeParser.Parse(expected).ToLongArray(), output.shape);
        Assert.Equal(built.Check.Output!.ToLongArray(), output.shape);
    }

    [Fact]
    public void AdaptiveMaxPool3dTakesTheMaximumOfEachBin()
    {
        var built = ModuleBuilder.FromModelText("m", "input 1x1x3x4x5\nAdaptiveMaxPool3d((2, 3, 2))");
        using var module = built.Module!;
        using var scope = torch.NewDisposeScope();
        var input = torch.randn([1, 1, 3, 4, 5]);

        var output = module.forward(input);

        // Bins of PyTorch's adaptive pooling: [floor(i*in/out), ceil((i+1)*in/out)).
        for (var i = 0; i < 2; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 2; k++)
                {
                    var box = input[0, 0, torch.TensorIndex.Slice(i * 3 / 2, ((i + 1) * 3 + 1) / 2), torch.TensorIndex.Slice(j * 4 / 3, ((j + 1) * 4 + 2) / 3), torch.TensorIndex.Slice(k * 5 / 2, ((k + 1) * 5 + 1) / 2)];
                    Assert.Equal(box.max().item<float>(), output[0, 0, i, j, k].item<float>());
                }
            }
        }
    }

    [Fact]
    public void BatchNormKeepsPyTorchsStateNamesAndACumulativeAverageForMomentumNone()
    {
        using var module = ModuleBuilder.FromModelText("m", "input 4x3\nbn = nn.BatchNorm1d(3, momentum=None)").Module!;
        using var scope = torch.NewDisposeScope();

        module.forward(torch.ones(4, 3) * 2);
        module.forward(torch.ones(4, 3) * 4);

        Assert.Equal(["bn.weight", "bn.bias"], module.named_parameters().Select(p => p.name));
        Assert.Equal(["bn.running_mean", "bn.running_var", "bn.num_batches_tracked"], module.named_buffers().Select(b => b.name));
        var runningMean = module.named_buffers().Single(b => b.name == "bn.running_mean").buffer;
        Assert.Equal(3f, runningMean[0].item<float>(), 5);
    }

    [Theory]
    [InlineData("BatchNorm2d(3)")]
    [InlineData("BatchNorm2d(3, momentum=None)")]
    [InlineData("InstanceNorm2d(3, affine=True, track_running_stats=True)")]
    [InlineData("GroupNorm(3, 3)")]
    public void NormalizationFollowsTheModuleToAnotherDtype(string line)
    {
        using var module = ModuleBuilder.FromModelText("m", $"input 2x3x4x4\nnn.{line}").Module!;
        using var scope = torch.NewDisposeScope();

        module.to(torch.float64);
        var output = module.forward(torch.randn([2, 3, 4, 4], torch.float64));
        module.eval();
        var evaluated = module.forward(torch.randn([2, 3, 4, 4], torch.float64));

        Assert.Equal(torch.float64, output.dtype);
        Assert.Equal(torch.float64, evaluated.dtype);
        Assert.All(module.parameters(), p => Assert.Equal(torch.float64, p.dtype));
    }

    [Theory]
    [InlineData("BatchNorm1d(3, track_running_stats=False)", "2x3", "1x3", "Expected more than 1 value per channel when training, got input size torch.Size([1, 3])")]
    [InlineData("InstanceNorm2d(3)", "2x3x4x4", "2x3x1x1", "Expected more than 1 spatial element when training, got input size torch.Size([2, 3, 1, 1])")]
    [InlineData("InstanceNorm1d(3, affine=True)", "2x3x7", "4x7", "expected input's size at dim=0 to match num_features (3), but got: 4.")]
    [InlineData("GroupNorm(3, 3)", "2x3x4x4", "1x3x1x1", "Expected more than 1 value per channel when training, got input size [1, 3, 1, 1]")]
    [InlineData("BatchNorm2d(3)", "2x3x4x4", "2x3x4", "expected 4D input (got 3D input)")]
    public void NormalizationRefusesWhatPyTorchRefusesInEvaluation(string line, string checkedInput, string input, string message)
    {
        var built = ModuleBuilder.FromModelText("m", $"input {checkedInput}\nnn.{line}");
        using var module = built.Module!;
        module.eval();
        using var scope = torch.NewDisposeScope();

        var error = Assert.ThrowsAny<ArgumentException>(() => module.forward(torch.randn(ShapeParser.Parse(input).ToLongArray()!)));

        Assert.Equal(message, error.Message);
    }

    public static TheoryData<string> RegisteredTypes => [.. LayerRegistry.Default.Names.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryRegisteredTypeHasAnExampleHere()
    {
        var missing = LayerRegistry.Default.Names.Where(n => !Examples.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "registered layer types without an example in this test: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void TheRegisteredTypeBuildsAndRunsToTheInferredShape(string type)
    {
        Assert.True(Examples.TryGetValue(type, out var example), $"no example for {type}");
        var input = ShapeParser.Parse(example.Input);

        var built = ModuleBuilder.FromModelText("m", $"input {example.Input}\nlayer = {example.Line}");

        Assert.True(built.Succeeded, built.Failure ?? string.Join("; ", built.Diagnostics.Select(d => d.Message)));
        using var module = built.Module!;
        var child = Assert.Single(module.named_children());
        Assert.Equal("layer", child.name);
        module.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var output = module.forward(torch.randn(input.ToLongArray()!));
        Assert.Equal(built.Check.Output!.ToLongArray(), output.shape);
    }
}
