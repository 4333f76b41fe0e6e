using ShapeSafe.Torch.Building;
using TorchSharp;
using TorchSharp.Modules;

namespace ShapeSafe.Tests.Building;

public sealed class ModuleBuilderTests
{
    private const string Cnn = """
        input 2x3x64x64
        conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        nn.ReLU()
        pool = nn.MaxPool2d(2, 2)
        conv2 = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        nn.ReLU()
        pool
        flatten = nn.Flatten()
        fc1 = nn.Linear(out_features=128)
        fc2 = nn.LazyLinear(10)
        """;

    [Fact]
    public void ChildrenAreNamedAsInTheFileAndInferredSizesAreFilledIn()
    {
        var built = ModuleBuilder.FromModelText("cnn.txt", Cnn);

        Assert.True(built.Succeeded, built.Failure);
        using var module = built.Module!;
        Assert.Equal(["conv1", "ReLU_1", "pool", "conv2", "ReLU_4", "pool", "flatten", "fc1", "fc2"], module.named_children().Select(c => c.name));
        var fc1 = Assert.IsType<Linear>(module.named_children().Single(c => c.name == "fc1").module);
        Assert.Equal(new long[] { 128, 32 * 16 * 16 }, fc1.weight.shape);
        var fc2 = Assert.IsType<Linear>(module.named_children().Single(c => c.name == "fc2").module);
        Assert.Equal(new long[] { 10, 128 }, fc2.weight.shape);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 2, 10 }, module.forward(torch.randn([2, 3, 64, 64])).shape);
    }

    [Fact]
    public void ANameUsedAgainIsTheSameModule()
    {
        using var module = ModuleBuilder.FromModelText("cnn.txt", Cnn).Module!;

        var pools = module.named_children().Where(c => c.name == "pool").Select(c => c.module).ToList();

        Assert.Equal(2, pools.Count);
        Assert.Same(pools[0], pools[1]);
    }

    [Fact]
    public void AConstructorWrittenAgainUnderTheSameNameIsReused()
    {
        var built = ModuleBuilder.FromModelText("m", "input 1x4x8\nact = nn.PReLU(4)\nnn.Conv1d(4, 4, 1)\nact = nn.PReLU(4)");

        using var module = built.Module!;
        var children = module.named_children().ToList();

        Assert.Same(children[0].module, children[2].module);
        Assert.Single(module.named_parameters(), p => p.name.EndsWith("weight", StringComparison.Ordinal) && p.parameter.shape.SequenceEqual(new long[] { 4 }));
    }

    [Fact]
    public void TheCheckerAndTheBuiltModuleCountTheSameParametersForARepeatedConstructor()
    {
        var built = ModuleBuilder.FromModelText("m", "input 2x8\nfc = nn.Linear(8, 8)\nfc = nn.Linear(8, 8)");

        using var module = built.Module!;
        var inModule = module.parameters().Sum(p => p.numel());

        Assert.Equal(72, inModule);
        Assert.Equal(inModule, built.Check.TotalParameters);
    }

    [Fact]
    public void AModelWithErrorsBuildsNothingAndKeepsItsDiagnostics()
    {
        var built = ModuleBuilder.FromModelText("m", "input 1x3x32x32\nnn.Conv2d(3, 8, 3)\nnn.Flatten()\nnn.Linear(8 * 32 * 32, 10)");

        Assert.False(built.Succeeded);
        Assert.Null(built.Module);
        Assert.Equal("the model has 1 error; fix it before building", built.Failure);
        Assert.Contains(built.Diagnostics, d => d.Message.Contains("7200", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("input 2x4x8x8\nnn.MaxPool2d(2, return_indices=True)", "MaxPool2d (line 2): return_indices=True makes MaxPool2d return (output, indices), which the next layer of a Sequential cannot take; remove return_indices")]
    public void ALayerTorchSharpCannotMakeIsAPlainFailure(string text, string failure)
    {
        var built = ModuleBuilder.FromModelText("m", text);

        Assert.False(built.Succeeded);
        Assert.Equal(failure, built.Failure);
    }

    [Fact]
    public void AnInputOverrideReplacesTheInputLine()
    {
        var built = ModuleBuilder.FromModelText("m", "input 1x3x8x8\nnn.Conv2d(3, 2, 3)\nnn.Flatten()\nnn.LazyLinear(5)", ShapeSafe.Shapes.Shape.Of(1, 3, 10, 10));

        using var module = built.Module!;
        var linear = Assert.IsType<Linear>(module.named_children().Last().module);
        Assert.Equal(new long[] { 5, 2 * 8 * 8 }, linear.weight.shape);
    }
}
