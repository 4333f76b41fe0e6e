using ShapeSafe.Diagnostics;

namespace ShapeSafe.Tests.Layers.Activations;

public sealed class ActivationRuleTests
{
    [Theory]
    [InlineData("ReLU()", "2x3")]
    [InlineData("ReLU(inplace=True)", "Nx16x8x8")]
    [InlineData("ReLU(True)", "7")]
    [InlineData("ReLU6()", "2x3")]
    [InlineData("LeakyReLU(0.2)", "2x3")]
    [InlineData("LeakyReLU(negative_slope=0.1, inplace=True)", "2x3x4")]
    [InlineData("ELU(alpha=0.5)", "2x3")]
    [InlineData("CELU(2.0, False)", "2x3")]
    [InlineData("SELU(inplace=True)", "2x3")]
    [InlineData("GELU()", "2x3")]
    [InlineData("GELU(approximate='tanh')", "2x3")]
    [InlineData("SiLU()", "2x3")]
    [InlineData("Sigmoid()", "2x3")]
    [InlineData("Tanh()", "2x3")]
    [InlineData("Hardtanh(-2.0, 2.0)", "2x3")]
    [InlineData("Hardtanh(min_value=-3.0, max_value=3.0)", "2x3")]
    [InlineData("Hardswish()", "2x3")]
    [InlineData("Hardsigmoid(inplace=True)", "2x3")]
    [InlineData("Mish()", "2x3")]
    [InlineData("Softplus(beta=2, threshold=10)", "2x3")]
    [InlineData("Softsign()", "2x3")]
    [InlineData("Tanhshrink()", "2x3")]
    [InlineData("PReLU()", "2x16x4x4")]
    [InlineData("PReLU(16)", "2x16x4x4")]
    [InlineData("PReLU(num_parameters=1, init=0.1)", "5")]
    [InlineData("Softmax(dim=1)", "2x10")]
    [InlineData("LogSoftmax(dim=-1)", "2x10")]
    [InlineData("Softmin(0)", "2x10")]
    public void PreservesTheShape(string line, string input)
    {
        var outcome = RuleHarness.Run(line, input);
        Assert.Equal(input, outcome.Output!.ToString());
        Assert.Empty(outcome.Warnings);
    }

    [Theory]
    [InlineData("GELU(approximate='tahn')", "2x3", "SS0007")]
    [InlineData("CELU(alpha=0)", "2x3", "SS0007")]
    [InlineData("Hardtanh(1.0, -1.0)", "2x3", "SS0110")]
    [InlineData("Hardtanh(min_value=2.0)", "2x3", "SS0110")]
    [InlineData("PReLU(3)", "2x16x4x4", "SS0101")]
    [InlineData("PReLU(3)", "16", "SS0101")]
    [InlineData("PReLU(-1)", "2x3", "SS0007")]
    [InlineData("Softmax(dim=2)", "2x10", "SS0108")]
    [InlineData("LogSoftmax(dim=-3)", "2x10", "SS0108")]
    [InlineData("Softmin(dim=4)", "1x2x3x4", "SS0108")]
    public void RejectsWhatPyTorchRejects(string line, string input, string code) =>
        Assert.Equal(code, RuleHarness.Shape(line, input));

    [Theory]
    [InlineData("GELU(approximate='tahn')", "2x3", "PyTorch would fail at run time with: approximate argument must be either none or tanh.")]
    [InlineData("CELU(alpha=0)", "2x3", "PyTorch would fail at run time with: ZeroDivisionError: alpha cannot be 0 for CELU")]
    [InlineData("PReLU(3)", "2x16x4x4",
        "PyTorch would fail at run time with: Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 and channel size = 16.")]
    [InlineData("PReLU(3)", "16", "PyTorch would fail at run time with: Mismatch of parameter numbers and input channel size. Found parameter numbers = 3 and channel size = 1.")]
    [InlineData("Softmax(dim=2)", "2x10", "PyTorch would fail at run time with: IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)")]
    public void QuotesPyTorch(string line, string input, string note) =>
        Assert.Contains(note, RuleHarness.Run(line, input).Failure!.Notes);

    [Fact]
    public void SuggestsTheNearestGeluApproximation()
    {
        var fix = Assert.Single(RuleHarness.Run("GELU(approximate='tahn')", "2x3").Failure!.Fixes);
        Assert.Equal("'tanh'", Assert.Single(fix.Edits).NewText);
    }

    [Fact]
    public void OffersPerChannelOrSharedSlopes()
    {
        var failure = RuleHarness.Run("act = nn.PReLU(3)", "2x16x4x4").Failure!;
        Assert.Equal("act expects 3 input channels but receives 16", failure.Message);
        Assert.Equal(["16", "1"], failure.Fixes.Select(f => Assert.Single(f.Edits).NewText));
    }

    [Theory]
    [InlineData("PReLU()", 1)]
    [InlineData("PReLU(16)", 16)]
    [InlineData("ReLU()", 0)]
    public void CountsParameters(string line, long parameters) =>
        Assert.Equal(parameters, RuleHarness.Run(line, "2x16x4x4").Parameters);

    [Theory]
    [InlineData("Softmax()", "10", 0, "softmax")]
    [InlineData("Softmax()", "2x10", 1, "softmax")]
    [InlineData("Softmax(dim=None)", "2x3x4", 0, "softmax")]
    [InlineData("LogSoftmax()", "2x3x4x5", 1, "log_softmax")]
    [InlineData("Softmin(None)", "2x10", 1, "softmin")]
    public void WarnsAndUsesPyTorchsLegacyDimWhenNoneIsGiven(string line, string input, int dim, string function)
    {
        var outcome = RuleHarness.Run($"sm = nn.{line}", input);
        Assert.Equal(input, outcome.Output!.ToString());
        var warning = Assert.Single(outcome.Warnings);
        Assert.Equal("SS0116", warning.Code);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal($"sm has no dim, so PyTorch picks dim={dim} for this {input.Split('x').Length}D input; this implicit choice is deprecated", warning.Message);
        Assert.Contains($"PyTorch warns: Implicit dimension choice for {function} has been deprecated. Change the call to include dim=X as an argument.", warning.Notes);
        var type = line[..line.IndexOf('(', StringComparison.Ordinal)];
        Assert.Equal($"{type}(dim={dim})", Assert.Single(Assert.Single(warning.Fixes).Edits).NewText);
    }

    [Theory]
    [InlineData("sm = nn.Softmax()", "sm = nn.Softmax(dim=1)")]
    [InlineData("self.sm = torch.nn.LogSoftmax(dim=None)  # scores", "self.sm = torch.nn.LogSoftmax(dim=1)  # scores")]
    public void TheDimFixEditsOnlyTheCall(string line, string fixedLine)
    {
        var warning = Assert.Single(RuleHarness.Run(line, "2x10").Warnings);
        var edit = Assert.Single(Assert.Single(warning.Fixes).Edits);
        Assert.Equal(fixedLine, line[..(edit.Span.Column - 1)] + edit.NewText + line[(edit.Span.EndColumn - 1)..]);
    }

    [Fact]
    public void ImplicitSoftmaxDimOfAScalarIsZero()
    {
        var outcome = DirectRun.On("Softmax()", DirectRun.Scalar);
        Assert.Null(outcome.Failure);
        Assert.Contains("dim=0", Assert.Single(outcome.Warnings).Message, StringComparison.Ordinal);
    }
}
