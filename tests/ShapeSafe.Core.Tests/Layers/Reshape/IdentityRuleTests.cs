namespace ShapeSafe.Tests.Layers.Reshape;

public sealed class IdentityRuleTests
{
    [Theory]
    [InlineData("Identity()", "2x3")]
    [InlineData("Identity(54, unused_argument1=0.1, unused_argument2=False)", "2x3x4")]
    [InlineData("nn.Identity('anything', (1, 2))", "N")]
    public void ReturnsItsInputWhateverTheArguments(string line, string input)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Null(outcome.Failure);
        Assert.Equal(input, outcome.Output!.ToString());
    }
}
