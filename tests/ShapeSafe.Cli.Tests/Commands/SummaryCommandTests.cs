using System.Text.Json;

namespace ShapeSafe.Tests.Commands;

public sealed class SummaryCommandTests
{
    [Fact]
    public void PrintsOneRowPerLayerWithShapesParametersAndTotals()
    {
        var run = CliRunner.Run("summary", CliRunner.Example("seed_fixed.model"), "--input", "128x3x64x64");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("128x16x64x64", run.Output, StringComparison.Ordinal);
        Assert.Contains("128x8192", run.Output, StringComparison.Ordinal);
        Assert.Contains("1,048,704", run.Output, StringComparison.Ordinal);
        Assert.Contains("10x10", run.Output, StringComparison.Ordinal);
        Assert.Contains("Parameters", run.Output, StringComparison.Ordinal);
        Assert.Contains("1,055,082", run.Output, StringComparison.Ordinal);
        Assert.Contains("Forward+backward activations (batch 128)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonCarriesReceptiveFieldsAndInferredSizes()
    {
        var run = CliRunner.Run("summary", CliRunner.Example("seed_fixed.model"), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var layers = doc.RootElement.GetProperty("files")[0].GetProperty("layers");
        Assert.Equal(8192, layers[7].GetProperty("inferred").GetProperty("in_features").GetInt64());
        Assert.Equal(10, layers[5].GetProperty("receptive_field")[0].GetDouble());
        Assert.Equal("N", layers[0].GetProperty("output_shape")[0].GetString());
    }

    [Fact]
    public void AnErrorShowsInTheTableAndExitsOne()
    {
        var run = CliRunner.Run("summary", CliRunner.Example("seed_example3_debug.model"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error[SS0100]", run.Output, StringComparison.Ordinal);
    }
}
