using ShapeSafe.Inference;
using ShapeSafe.Layers;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Tests;

/// <summary>Runs one model-file line, or a whole model text, through the parser and the checker.</summary>
public static class RuleHarness
{
    /// <summary>The outcome of one layer line applied to an input shape; fails the test when the line does not parse or bind.</summary>
    public static LayerOutcome Run(string layerLine, string inputShape)
    {
        var result = Check($"input {inputShape}\n{layerLine}");
        var trace = Assert.Single(result.Layers);
        return trace.Outcome ?? throw new Xunit.Sdk.XunitException(
            $"'{layerLine}' did not reach its shape rule: " + string.Join("; ", result.Diagnostics.Select(d => $"{d.Code} {d.Message}")));
    }

    /// <summary>The output shape of one layer line, as text ("1x16x64x64"), or the failing code ("SS0101").</summary>
    public static string Shape(string layerLine, string inputShape)
    {
        var outcome = Run(layerLine, inputShape);
        return outcome.Failure is { } f ? f.Code : outcome.Output!.ToString();
    }

    public static CheckResult Check(string modelText, string? inputOverride = null) =>
        ShapeChecker.Check(ModelFileParser.Parse("test.model", modelText), inputOverride is null ? null : ShapeParser.Parse(inputOverride));
}
