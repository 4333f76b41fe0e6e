using ShapeSafe.Diagnostics;
using ShapeSafe.Explain;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Explain;

public sealed class ModelMatcherTests
{
    private const string SeedModel = """
        input 1x3x64x64
        conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        relu1 = nn.ReLU()
        pool = nn.MaxPool2d(2, 2)
        conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        relu2 = nn.ReLU()
        pool
        flatten = nn.Flatten()
        fc1 = nn.Linear(32 * 8 * 8, 128)
        relu3 = nn.ReLU()
        fc2 = nn.Linear(128, 10)
        """;

    private static Explanation Explain(string message, string model, string? input = null)
    {
        var explanation = MessageExplainer.Explain(message).Explanation ?? throw new Xunit.Sdk.XunitException($"not recognized: {message}");
        return ModelMatcher.Attach(explanation, ModelFileParser.Parse("model.txt", model), input is null ? null : ShapeParser.Parse(input));
    }

    [Fact]
    public void NamesTheLinearWhoseSizesAreInTheMessageWithTheChecksFix()
    {
        var e = Explain("mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", SeedModel);

        var layer = Assert.Single(e.Model!.Layers);
        Assert.Equal("fc1", layer.Name);
        Assert.Equal(9, layer.Line);
        Assert.Contains("in_features=2048 and out_features=128", layer.Reason, StringComparison.Ordinal);
        var diagnostic = Assert.Single(layer.Diagnostics);
        Assert.Equal(DiagnosticCatalog.LinearInFeatures, diagnostic.Descriptor);
        var edit = diagnostic.Fixes.SelectMany(f => f.Edits).First();
        Assert.Equal("32 * 16 * 16", edit.NewText);
        Assert.Contains(e.Model.Notes, n => n.Contains("the check reproduces the error: 8192 features reach fc1", StringComparison.Ordinal));
    }

    [Fact]
    public void SaysWhenTheFailingRunUsedAnotherInputSize()
    {
        // The seed's 29040 features come from another input than the file's 3x64x64; the layer is still found by its sizes.
        var e = Explain("mat1 and mat2 shapes cannot be multiplied (1x29040 and 2048x128)", SeedModel);

        Assert.Equal("fc1", Assert.Single(e.Model!.Layers).Name);
        Assert.Contains(e.Model.Notes, n => n.Contains("8192 features reach fc1", StringComparison.Ordinal) && n.Contains("the message shows 29040", StringComparison.Ordinal));
    }

    [Fact]
    public void UsesTheInputGivenOnTheCommandLine()
    {
        var e = Explain("mat1 and mat2 shapes cannot be multiplied (4x8192 and 2048x128)", SeedModel, "4x3x32x32");

        Assert.Equal("4x3x32x32", e.Model!.Input!.ToString());
        Assert.Empty(e.Model.Layers[0].Diagnostics);
        Assert.Equal(0, e.Model.ErrorCount);
    }

    public static TheoryData<string, string, string, string> Layers => new()
    {
        {
            "Given groups=1, weight of size [32, 16, 3, 3], expected input[1, 8, 32, 32] to have 16 channels, but got 8 channels instead",
            "input 1x3x64x64\nconv1 = nn.Conv2d(3, 8, 3, padding=1)\npool = nn.MaxPool2d(2)\nconv2 = nn.Conv2d(16, 32, 3)",
            "conv2", "SS0101"
        },
        {
            "Expected 3D (unbatched) or 4D (batched) input with 16 channels to Conv2d.",
            "input 1x3x64x64\nconv1 = nn.Conv2d(3, 8, 3, padding=1)\nconv2 = nn.Conv2d(16, 32, 3)",
            "conv2", "SS0101"
        },
        {
            "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 48]",
            "input 1x48\nfc = nn.Linear(48, 48)\nconv = nn.Conv2d(3, 8, 3)",
            "conv", "SS0107"
        },
        {
            "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
            "input 1x3x8x8\npool = nn.MaxPool2d(4)\nconv = nn.Conv2d(3, 8, 3)",
            "conv", "SS0102"
        },
        {
            "Given input size: (8x1x1). Calculated output size: (8x0x0). Output size is too small",
            "input 1x8x2x2\npool1 = nn.MaxPool2d(2)\npool2 = nn.MaxPool2d(2)",
            "pool2", "SS0103"
        },
        {
            "pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1",
            "input 1x3x8x8\npool = nn.MaxPool2d(3, padding=2)",
            "pool", "SS0104"
        },
        {
            "Given transposed=1, weight of size [64, 32, 4, 4], expected input[1, 32, 8, 8] to have 64 channels, but got 32 channels instead",
            "input 1x3x8x8\nconv = nn.Conv2d(3, 32, 3, padding=1)\nup = nn.ConvTranspose2d(64, 32, 4)",
            "up", "SS0101"
        },
        {
            "ValueError: in_channels must be divisible by groups",
            "input 1x6x8x8\nconv = nn.Conv2d(6, 8, 3, groups=4)",
            "conv", "SS0105"
        },
        {
            "IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)",
            "input 1x10\nfc = nn.Linear(10, 10)\nsoftmax = nn.Softmax(dim=2)",
            "softmax", "SS0108"
        },
        {
            "running_mean should contain 32 elements not 16",
            "input 1x3x8x8\nconv = nn.Conv2d(3, 32, 3)\nbn = nn.BatchNorm2d(16)",
            "bn", "SS0106"
        },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void FindsTheLayerEachMessageIsAboutWithTheChecksDiagnostic(string message, string model, string layerName, string code)
    {
        var e = Explain(message, model);

        var layer = Assert.Single(e.Model!.Layers);
        Assert.Equal(layerName, layer.Name);
        Assert.Contains(layer.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void FindsTheTorchCatOfAUNetSkipInAPythonFile()
    {
        const string source = """
            import torch
            import torch.nn as nn

            # shapesafe: input 1x3x97x97
            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.enc = nn.Conv2d(3, 64, 3, padding=1)
                    self.pool = nn.MaxPool2d(2)
                    self.up = nn.Upsample(scale_factor=2)

                def forward(self, x):
                    skip = self.enc(x)
                    y = self.up(self.pool(skip))
                    return torch.cat([y, skip], dim=1)
            """;
        var explanation = MessageExplainer.Explain("RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 96 but got size 97 for tensor number 1 in the list.").Explanation!;

        var check = ShapeSafe.Checking.CheckService.Check("unet.py", source);
        var e = ModelMatcher.Attach(explanation, check);

        Assert.True(e.Model!.Notes.Any(n => n.Contains("unet.py:15", StringComparison.Ordinal) && n.Contains("SS0405", StringComparison.Ordinal)),
            string.Join("\n", check.Diagnostics.Select(d => $"{d.Code} line {d.Line}: {d.Message}")));
        Assert.DoesNotContain(e.Model.Notes, n => n.StartsWith("No layer", StringComparison.Ordinal));
    }

    [Fact]
    public void TargetOutOfBoundsPointsAtTheLastLinear()
    {
        var e = Explain("Target 10 is out of bounds.", SeedModel);

        Assert.Equal("fc2", Assert.Single(e.Model!.Layers).Name);
        Assert.Contains(e.Model.Notes, n => n.Contains("out_features=10: target 10 needs at least 11", StringComparison.Ordinal));
    }

    [Fact]
    public void LossBatchMismatchComputesTheRealFeaturesFromTheFirstLinear()
    {
        var e = Explain("Expected input batch_size (512) to match target batch_size (128).", SeedModel);

        Assert.Equal("fc1", Assert.Single(e.Model!.Layers).Name);
        Assert.Contains(e.Model.Notes, n => n.Contains("4 x 2048 = 8192 features", StringComparison.Ordinal));
    }

    [Fact]
    public void StateDictMismatchNamesTheLayerOfEachParameter()
    {
        var e = Explain(
            "size mismatch for fc1.weight: copying a param with shape torch.Size([128, 8192]) from checkpoint, the shape in current model is torch.Size([128, 2048]).",
            SeedModel.Replace("fc1 = ", "self.fc1 = ", StringComparison.Ordinal));

        var layer = Assert.Single(e.Model!.Layers);
        Assert.Equal("fc1", layer.Name);
        Assert.Contains("in_features 8192 in the checkpoint, 2048 in the model", layer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SaysSoWhenNoLayerHasTheMessagesSizes()
    {
        var e = Explain("mat1 and mat2 shapes cannot be multiplied (1x8192 and 4096x7)", SeedModel);

        Assert.Empty(e.Model!.Layers);
        Assert.StartsWith("No layer in model.txt has the sizes in the message", e.Model.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnparsableModelGivesNoMatchAndNoException()
    {
        var e = Explain("mat1 and mat2 shapes cannot be multiplied (1x8192 and 2048x128)", "\0\u0001 garbage (((");

        Assert.Empty(e.Model!.Layers);
        Assert.True(e.Model.ErrorCount > 0);
    }
}
