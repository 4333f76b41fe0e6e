using ShapeSafe.Diagnostics;
using ShapeSafe.Syntax;
using ShapeSafe.Torch.Data;
using ShapeSafe.Torch.Training;

namespace ShapeSafe.Tests.Training;

public sealed class ModelPlanTests
{
    private static readonly string[] TenClasses = Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray();

    private static ModelFile Parse(string text) => ModelFileParser.Parse("m.model", text);

    [Fact]
    public void AnImageFolderTakesTheDeclaredInputSize()
    {
        var plan = ModelPlan.For(Parse("input Nx3x32x24\nConv2d(3, 4, 3)\nFlatten()\nLazyLinear(10)"), dataSize: null, TenClasses, "/data");

        Assert.False(plan.HasErrors);
        Assert.Equal(new ImageSize(3, 32, 24), plan.Input);
    }

    [Fact]
    public void IdxDataOverridesTheDeclaredInput()
    {
        var plan = ModelPlan.For(Parse("input Nx3x64x64\nConv2d(1, 4, 3)\nFlatten()\nLazyLinear(10)"), new ImageSize(1, 28, 28), TenClasses, "/idx");

        Assert.False(plan.HasErrors);
        Assert.Equal(new ImageSize(1, 28, 28), plan.Input);
        Assert.Equal("Nx1x28x28", plan.Check.Input!.ToString());
    }

    public static TheoryData<string, ImageSize?, string, string> Mismatches => new()
    {
        { "input Nx3x8x8\nFlatten()\nLinear(192, 4)", null, "SS0113", "the model ends with 4 outputs but the data has 10 classes" },
        { "input Nx3x8x8\nConv2d(3, 10, 3)", null, "SS0113", "the model ends with output Nx10x6x6 but a classifier of 10 classes must end with N x 10 class scores" },
        { "input Nx3x64x64\nConv2d(3, 4, 3)\nFlatten()\nLazyLinear(10)", new ImageSize(1, 28, 28), "SS0101", "expects 3 input channels but receives 1" },
        { "input Nx3xHxW\nFlatten()\nLazyLinear(10)", null, "SS0010", "must be N x C x H x W with known C, H and W" },
        { "input Nx4x8x8\nFlatten()\nLinear(256, 10)", null, "SS0010", "images are read as 1 (grayscale) or 3 (RGB) channels" },
        { "Flatten()\nLazyLinear(10)", null, "SS0009", "no input shape" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void ModelsThatDoNotFitTheDataGiveADiagnostic(string text, ImageSize? dataSize, string code, string message)
    {
        var plan = ModelPlan.For(Parse(text), dataSize, TenClasses, "/data");

        Assert.True(plan.HasErrors);
        var diagnostic = Assert.Single(plan.Diagnostics, d => d.Severity == Severity.Error && d.Code == code);
        Assert.Contains(message, diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheClassCountDiagnosticPointsAtTheLastLayerAndSaysWhereTheClassesCameFrom()
    {
        var plan = ModelPlan.For(Parse("input Nx1x4x4\nFlatten()\nfc = nn.Linear(16, 3)"), null, ["x", "y"], "/my/data");

        var diagnostic = Assert.Single(plan.Diagnostics);
        Assert.Equal(DiagnosticCatalog.ClassCountMismatch, diagnostic.Descriptor);
        Assert.Equal(3, diagnostic.Line);
        Assert.Equal("fc", diagnostic.Layer!.Name);
        Assert.Equal(new Fact("2", "/my/data has 2 classes (x, y)"), diagnostic.Expected);
        Assert.Equal("3", diagnostic.Actual!.Value);
    }
}
