using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Pooling;

/// <summary>
/// AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True), and for 2d/3d also
/// divisor_override=None. No dilation; count_include_pad and divisor_override change values, not shapes.
/// </summary>
public abstract class AvgPoolNdRule : PoolNdRule
{
    protected AvgPoolNdRule(int spatialRank)
        : base(spatialRank, new LayerSignature(Parameters(spatialRank)))
    {
    }

    public override string Type => $"AvgPool{SpatialRank}d";

    protected override bool HasDilation => false;

    protected override string FunctionName => $"avg_pool{SpatialRank}d";

    protected override Diagnostic? CheckArguments(LayerContext context) =>
        SpatialRank > 1 && !context.IsNone("divisor_override") && context.Int("divisor_override") == 0
            ? context.Invalid("divisor_override", "must not be zero") with { Notes = ["PyTorch raises: divisor must be not zero"] }
            : null;

    /// <summary>
    /// avg_pool3d also requires each input size to be at least the kernel, whatever the padding
    /// ("input image (T: 1 H: 5 W: 2) smaller than kernel size (kT: 2 kH: 3 kW: 3)").
    /// </summary>
    protected override Diagnostic? CheckInputSize(LayerContext context, SpatialInput input, long[] kernel)
    {
        if (SpatialRank != 3 || !input.Spatial.Where((d, i) => d.IsKnown && d.Value < kernel[i]).Any())
        {
            return null;
        }

        var inText = SpatialArgs.Joined(input.Spatial.Select(d => d.ToString()));
        var (t, h, w) = (input.Spatial[0], input.Spatial[1], input.Spatial[2]);
        return context.Error(DiagnosticCatalog.PoolInputSmallerThanKernel, context.SpanOf("kernel_size"), context.Name, inText, Scalar(kernel)) with
        {
            Expected = context.ArgumentFact($"at least {SpatialArgs.Joined(kernel.Select(k => k.ToString(CultureInfo.InvariantCulture)))}", "kernel_size"),
            Actual = new Fact(inText, context.InputOrigin),
            Notes =
            [
                $"PyTorch raises: input image (T: {t} H: {h} W: {w}) smaller than kernel size (kT: {kernel[0]} kH: {kernel[1]} kW: {kernel[2]})",
                "avg_pool3d needs each input size to be at least the kernel size, even with padding",
            ],
        };
    }

    /// <summary>avg_pool1d runs as avg_pool2d on a height of 1, and its message shows that height.</summary>
    protected override string OutputTooSmallMessage(SpatialInput input, IReadOnlyList<Dim> outputs) => SpatialRank == 1
        ? $"Given input size: ({input.Channels}x1x{input.Spatial[0]}). Calculated output size: ({input.Channels}x1x{outputs[0]}). Output size is too small"
        : base.OutputTooSmallMessage(input, outputs);

    private static ParameterSpec[] Parameters(int spatialRank)
    {
        var common = new[]
        {
            ParameterSpec.Of("kernel_size", ParamType.IntOrTuple),
            ParameterSpec.OptionalNone("stride", ParamType.OptionalIntOrTuple),
            ParameterSpec.Optional("padding", ParamType.IntOrTuple, 0),
            ParameterSpec.Optional("ceil_mode", ParamType.Bool, false),
            ParameterSpec.Optional("count_include_pad", ParamType.Bool, true),
        };
        return spatialRank == 1 ? common : [.. common, ParameterSpec.OptionalNone("divisor_override", ParamType.OptionalInt)];
    }
}
