using ShapeSafe.Inference;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests.Inference;

/// <summary>A module's identity is decided once, where it is constructed: a name constructed the same way again is the same module.</summary>
public sealed class ModuleIdentityTests
{
    [Theory]
    [InlineData("input 2x8\nfc = nn.Linear(8, 8)\nfc = nn.Linear(8, 8)", 72, 3)]
    [InlineData("input 2x8\nfc = nn.Linear(8, 8)\nfc", 72, 3)]
    [InlineData("input 2x8\nfc = nn.Linear(8, 8)\nfc = nn.Linear(8, 8)\nfc = nn.Linear(8,  8)", 72, 4)]
    public void ARepeatedConstructorIsCountedOnce(string text, long parameters, int lastLine)
    {
        var file = ModelFileParser.Parse("m", text);
        var result = ShapeChecker.Check(file);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(parameters, result.TotalParameters);
        Assert.Equal(2, file.Layers[^1].ReusedFrom);
        Assert.Equal(lastLine, file.Layers[^1].Line);
    }

    [Fact]
    public void TheSameNameWithAnotherConstructorIsAnotherModuleAndWarned()
    {
        var result = ShapeChecker.Check(ModelFileParser.Parse("m", "input 2x8\nfc = nn.Linear(8, 8)\nfc = nn.Linear(8, 4)"));

        Assert.Equal(72 + 36, result.TotalParameters);
        Assert.Null(result.File.Layers[^1].ReusedFrom);
        Assert.Equal("SS0012", Assert.Single(result.Diagnostics).Code);
    }
}
