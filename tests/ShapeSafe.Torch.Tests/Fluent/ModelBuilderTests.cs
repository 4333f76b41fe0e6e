using ShapeSafe.Diagnostics;
using ShapeSafe.Torch.Building;
using ShapeSafe.Torch.Fluent;
using TorchSharp;
using static TorchSharp.torch;

namespace ShapeSafe.Tests.Fluent;

public sealed class ModelBuilderTests
{
    private static readonly ModelBuilder Seed = ModelBuilder.Input(3, 64, 64)
        .Conv2d(16, kernelSize: 3, padding: 1).ReLU().MaxPool2d(2)
        .Conv2d(32, 3, padding: 1).ReLU().MaxPool2d(2)
        .Flatten().Linear(128).ReLU().Linear(10);

    private static string SeedFile => File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "seed_fixed.model"));

    [Fact]
    public void WritesModelFileTextWithInferredSizesLeftToTheEngine()
    {
        Assert.Equal("""
            input Nx3x64x64
            nn.LazyConv2d(out_channels=16, kernel_size=3, padding=1)
            nn.ReLU()
            nn.MaxPool2d(kernel_size=2)
            nn.LazyConv2d(out_channels=32, kernel_size=3, padding=1)
            nn.ReLU()
            nn.MaxPool2d(kernel_size=2)
            nn.Flatten()
            nn.LazyLinear(out_features=128)
            nn.ReLU()
            nn.LazyLinear(out_features=10)

            """.Replace("\r\n", "\n", StringComparison.Ordinal), Seed.ToModelText());
    }

    [Fact]
    public void TheFluentSeedModelAndTheModelFileBuildTheSameModule()
    {
        var fluent = Seed.Build();
        var file = ModuleBuilder.FromModelText("seed_fixed.model", SeedFile);

        Assert.True(fluent.Succeeded, fluent.Failure);
        using var a = fluent.Module!;
        using var b = file.Module!;
        Assert.Equal(Structure(b), Structure(a));
        Assert.Equal(8192, fluent.Check.Layers[7].Outcome!.Inferred["in_features"]);
        Assert.Equal(b.parameters().Select(p => p.shape), a.parameters().Select(p => p.shape));

        // Same weights in, same outputs out.
        using (var noGrad = no_grad())
        {
            foreach (var (to, from) in a.parameters().Zip(b.parameters()))
            {
                to.copy_(from);
            }
        }

        using var x = randn(2, 3, 64, 64);
        using var ya = a.forward(x);
        using var yb = b.forward(x);
        Assert.True(ya.allclose(yb), "the fluent and file modules compute different outputs");
    }

    [Fact]
    public void AShapeErrorIsReportedByTheEngineAndBuildsNothing()
    {
        var model = ModelBuilder.Input(3, 64, 64)
            .Conv2d(16, 3, padding: 1, inChannels: 3).ReLU().MaxPool2d(2)
            .Conv2d(32, 3, padding: 1).ReLU().MaxPool2d(2)
            .Flatten().Linear(128, inFeatures: 32 * 8 * 8).ReLU().Linear(10);

        var result = model.Build();

        Assert.False(result.Succeeded);
        Assert.Null(result.Module);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DiagnosticCatalog.LinearInFeatures, error.Descriptor);
        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
        Assert.Contains("8192", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, error.Line);
        Assert.Equal(ModelBuilder.SourceName, result.Check.File.Path);
    }

    [Theory]
    [InlineData(1L, 28L, 28L, "Nx1x28x28")]
    [InlineData(3L, 32L, 32L, "Nx3x32x32")]
    public void TheInputLineIsBatchFirst(long c, long h, long w, string expected) =>
        Assert.StartsWith($"input {expected}\n", ModelBuilder.Input(c, h, w).ToModelText(), StringComparison.Ordinal);

    [Fact]
    public void ExplicitSizesNamesAndNonDefaultArgumentsAreWritten()
    {
        var text = ModelBuilder.Input(1, 28, 28)
            .Conv2d(8, 5, stride: 2, inChannels: 1, bias: false, name: "conv")
            .BatchNorm2d(8, name: "bn").LeakyReLU(0.2).AvgPool2d(2, stride: 1).Dropout(0.25).Flatten()
            .Layer("Linear", "head", ("in_features", 8L * 11 * 11), ("out_features", 10L))
            .ToModelText();

        Assert.Equal(
            "input Nx1x28x28\n" +
            "conv = nn.Conv2d(in_channels=1, out_channels=8, kernel_size=5, stride=2, bias=False)\n" +
            "bn = nn.BatchNorm2d(num_features=8)\n" +
            "nn.LeakyReLU(negative_slope=0.2)\n" +
            "nn.AvgPool2d(kernel_size=2, stride=1)\n" +
            "nn.Dropout(p=0.25)\n" +
            "nn.Flatten()\n" +
            "head = nn.Linear(in_features=968, out_features=10)\n", text);
        Assert.False(ModelBuilder.Input(1, 28, 28).Conv2d(8, 5, stride: 2, inChannels: 1, bias: false).BatchNorm2d(8).LeakyReLU(0.2).AvgPool2d(2, stride: 1)
            .Flatten().Layer("Linear", null, ("in_features", 8L * 11 * 11), ("out_features", 10L)).Check().HasErrors);
    }

    private static IReadOnlyList<string> Structure(nn.Module module) =>
        module.children().Select(c => c.GetType().Name).ToArray();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShapeSafe.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (ShapeSafe.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
