using ShapeSafe.Layers;
using ShapeSafe.Tests.Tracing.Models;
using ShapeSafe.Torch.Tracing;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ShapeSafe.Tests.Tracing;

public sealed class ModuleDescriberTests
{
    public static TheoryData<string, Func<torch.nn.Module>, string> Modules => new()
    {
        { "linear", () => Linear(2048, 128), "Linear(2048, 128)" },
        { "linear without bias", () => Linear(10, 5, hasBias: false), "Linear(10, 5, bias=False)" },
        { "conv padding 1", () => Conv2d(3, 16, kernel_size: 3, padding: 1), "Conv2d(3, 16, 3, padding=1)" },
        { "conv rectangular", () => Conv2d(16, 32, kernel_size: (3, 5), stride: (2, 1)), "Conv2d(16, 32, (3, 5), stride=(2, 1))" },
        { "conv groups", () => Conv2d(8, 16, kernel_size: 3, dilation: 2, groups: 4, bias: false), "Conv2d(8, 16, 3, dilation=2, groups=4, bias=False)" },
        { "conv same", () => Conv2d(3, 8, kernel_size: 3, padding: TorchSharp.Padding.Same), "Conv2d(3, 8, 3, padding='same')" },
        { "conv reflect", () => Conv2d(3, 8, kernel_size: 3, padding: 1, padding_mode: TorchSharp.PaddingModes.Reflect), "Conv2d(3, 8, 3, padding=1, padding_mode='reflect')" },
        { "conv1d", () => Conv1d(4, 8, kernel_size: 5), "Conv1d(4, 8, 5)" },
        { "transposed conv", () => ConvTranspose2d(16, 8, kernel_size: 2, stride: 2), "ConvTranspose2d(16, 8, 2, stride=2)" },
        { "transposed conv groups", () => ConvTranspose2d(16, 8, kernel_size: 3, groups: 2), "ConvTranspose2d(16, 8, 3, groups=2)" },
        { "max pool", () => MaxPool2d(2, 2), "MaxPool2d(2, stride=2)" },
        { "max pool padded", () => MaxPool2d(3, stride: 2, padding: 1), "MaxPool2d(3, stride=2, padding=1)" },
        { "avg pool", () => AvgPool2d(2), "AvgPool2d(2)" },
        { "avg pool strided", () => AvgPool2d(3, stride: 2), "AvgPool2d(3, stride=2)" },
        { "adaptive pool", () => AdaptiveAvgPool2d((8, 8)), "AdaptiveAvgPool2d(8)" },
        { "batch norm", () => BatchNorm2d(16), "BatchNorm2d(16)" },
        { "batch norm eps", () => BatchNorm1d(32, eps: 1e-3), "BatchNorm1d(32, eps=0.001)" },
        { "flatten", () => Flatten(), "Flatten()" },
        { "flatten from 2", () => Flatten(2), "Flatten(start_dim=2)" },
        { "dropout", () => Dropout(0.25), "Dropout(p=0.25)" },
        { "relu", () => ReLU(), "ReLU()" },
        { "layer norm", () => LayerNorm(64), "LayerNorm(64)" },
        { "custom leaf", () => new MatMulLeaf(3, 4), "MatMulLeaf(...)" },
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void ModulesAreRestatedAsTheirPyTorchConstruction(string what, Func<torch.nn.Module> create, string expected)
    {
        using var module = create();

        var description = ModuleDescriber.Describe(module, LayerRegistry.Default);

        Assert.True(expected == description.Construction, $"{what}: {description.Construction}");
        Assert.Empty(description.Unread);
    }

    [Fact]
    public void TheRestatedCallHasTheSpansTheParserWouldGive()
    {
        using var module = Conv2d(16, 32, kernel_size: (3, 5), stride: (2, 2), padding: TorchSharp.Padding.Valid);
        var description = ModuleDescriber.Describe(module, LayerRegistry.Default);

        var call = LayerCallBuilder.Build("features.3", description.Type, description.Arguments, 4);

        Assert.Equal("features.3 = Conv2d(16, 32, (3, 5), stride=2, padding='valid')", call.LineText);
        Assert.Equal(("features.3", "Conv2d", 4), (call.Name, call.Type, call.Line));
        Assert.Equal("Conv2d", Slice(call.LineText, call.TypeSpan));
        Assert.Equal("Conv2d(16, 32, (3, 5), stride=2, padding='valid')", Slice(call.LineText, call.CallSpan));
        foreach (var argument in call.Arguments)
        {
            Assert.Equal(argument.Value.Text, Slice(call.LineText, argument.Value.Span));
            Assert.All(argument.Value.Items, item => Assert.Equal(item.Text, Slice(call.LineText, item.Span)));
            if (argument.Keyword is { } keyword)
            {
                Assert.Equal(keyword, Slice(call.LineText, argument.KeywordSpan));
            }
        }
    }

    private static string Slice(string line, ShapeSafe.Syntax.SourceSpan span) => line[(span.Column - 1)..(span.EndColumn - 1)];
}
