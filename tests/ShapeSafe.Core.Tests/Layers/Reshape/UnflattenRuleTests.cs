namespace ShapeSafe.Tests.Layers.Reshape;

public sealed class UnflattenRuleTests
{
    [Theory]
    [InlineData("Unflatten(1, (2, 4))", "3x8", "3x2x4")]
    [InlineData("Unflatten(1, [2, 4])", "3x8", "3x2x4")]
    [InlineData("Unflatten(1, (2, -1))", "3x8", "3x2x4")]
    [InlineData("Unflatten(1, (-1,))", "3x8", "3x8")]
    [InlineData("Unflatten(-1, (32, 16, 16))", "1x8192", "1x32x16x16")]
    [InlineData("Unflatten(dim=0, unflattened_size=(1, 3))", "3x8", "1x3x8")]
    [InlineData("Unflatten(1, (2, -1))", "NxC", "Nx2x(C//2)")]
    [InlineData("Unflatten(1, (2, 3))", "NxC", "Nx2x3")]
    [InlineData("Unflatten(1, (2, 3))", "3x8", "SS0109")]
    [InlineData("Unflatten(1, (3, -1))", "3x8", "SS0109")]
    [InlineData("Unflatten(1, (0, -1))", "3x8", "SS0109")]
    [InlineData("Unflatten(1, (-1, -1))", "3x8", "SS0007")]
    [InlineData("Unflatten(1, (2, -2))", "3x8", "SS0007")]
    [InlineData("Unflatten(1, ())", "3x8", "SS0007")]
    [InlineData("Unflatten(2, (2, 4))", "3x8", "SS0108")]
    public void SplitsOneDim(string line, string input, string expected) =>
        Assert.Equal(expected, RuleHarness.Shape(line, input));

    [Fact]
    public void QuotesPyTorchWhenTheSizesDoNotMultiplyUp()
    {
        var failure = RuleHarness.Run("unflat = nn.Unflatten(1, (2, 3))", "3x8").Failure!;
        Assert.Equal("unflat: unflattened size (2, 3) does not multiply to the size 8 of dimension 1", failure.Message);
        Assert.Contains("PyTorch would fail at run time with: RuntimeError: unflatten: Provided sizes [2, 3] don't multiply up to the size of dim 1 (8) in the input tensor", failure.Notes);
        Assert.Equal("6", failure.Expected!.Value);
        Assert.Equal("8", failure.Actual!.Value);
    }

    [Fact]
    public void RecoversWithTheWrittenSizesWhenNoneIsInferred()
    {
        Assert.Equal("3x2x3", RuleHarness.Run("Unflatten(1, (2, 3))", "3x8").RecoveredOutput!.ToString());
        Assert.Null(RuleHarness.Run("Unflatten(1, (3, -1))", "3x8").RecoveredOutput);
    }
}
