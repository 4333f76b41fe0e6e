using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Convolution;

/// <summary>
/// ConvTranspose1d/2d/3d: out = (in - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1 per
/// spatial dimension, with output_padding smaller than the stride or the dilation, and only 'zeros' padding.
/// </summary>
public abstract class ConvTransposeNdRule : ConvolutionRule
{
    protected ConvTransposeNdRule(int spatialRank)
        : base(spatialRank, new LayerSignature(
            ParameterSpec.InferredSize("in_channels"),
            ParameterSpec.Of("out_channels", ParamType.Int),
            ParameterSpec.Of("kernel_size", ParamType.IntOrTuple),
            ParameterSpec.Optional("stride", ParamType.IntOrTuple, 1),
            ParameterSpec.Optional("padding", ParamType.IntOrTuple, 0),
            ParameterSpec.Optional("output_padding", ParamType.IntOrTuple, 0),
            ParameterSpec.Optional("groups", ParamType.Int, 1),
            ParameterSpec.Optional("bias", ParamType.Bool, true),
            ParameterSpec.Optional("dilation", ParamType.IntOrTuple, 1),
            ParameterSpec.Optional("padding_mode", ParamType.String, "zeros"),
            ParameterSpec.OptionalNone("device", ParamType.Any),
            ParameterSpec.OptionalNone("dtype", ParamType.Any)))
    {
    }

    public override string Type => $"ConvTranspose{SpatialRank}d";

    protected override bool Transposed => true;

    protected override ConvPadding? ReadPadding(LayerContext context, long[] kernel, long[] stride, long[] dilation, out Diagnostic? error)
    {
        var sizes = SpatialArgs.Sizes(context, "padding", SpatialRank, out error);
        return sizes is null ? null : new ConvPadding(sizes, (long[])sizes.Clone(), null);
    }

    protected override long[]? ReadOutputPadding(LayerContext context, out Diagnostic? error) =>
        SpatialArgs.Sizes(context, "output_padding", SpatialRank, out error);

    protected override Diagnostic? CheckPaddingMode(LayerContext context, ConvConfig config) =>
        config.PaddingMode == "zeros"
            ? null
            : context.Invalid("padding_mode", $"must be 'zeros' for {context.Type}, but got '{config.PaddingMode}'") with
            {
                Notes = [$"PyTorch raises ValueError: Only \"zeros\" padding mode is supported for {context.Type}"],
            };

    /// <summary>ATen's checks: output_padding below the stride or the dilation in each dimension, and a positive output size.</summary>
    protected override Diagnostic? CheckSizes(LayerContext context, ConvConfig config, SpatialInput input)
    {
        var badPadding = Enumerable.Range(0, SpatialRank)
            .Any(i => config.OutputPadding[i] >= config.Stride[i] && config.OutputPadding[i] >= config.Dilation[i]);
        if (badPadding)
        {
            var op = SpatialArgs.Python(config.OutputPadding);
            var stride = SpatialArgs.Python(config.Stride);
            var dilation = SpatialArgs.Python(config.Dilation);
            return context.Invalid("output_padding", $"must be smaller than either stride or dilation in each dimension, but got output_padding={op}, stride={stride}, dilation={dilation}") with
            {
                Notes = [$"PyTorch raises: output padding must be smaller than either stride or dilation, but got {AtenNames("output_padding", config.OutputPadding)} {AtenNames("stride", config.Stride)} {AtenNames("dilation", config.Dilation)}"],
            };
        }

        var outputs = input.Spatial.Select((d, i) => OutputSize(config, i, d)).ToArray();
        if (!outputs.Any(d => d.IsKnown && d.Value < 1))
        {
            return null;
        }

        var inText = SpatialArgs.Spaced(input.Spatial.Select(d => d.ToString()));
        var outText = SpatialArgs.Spaced(outputs.Select(d => d.ToString()));
        return context.Error(DiagnosticCatalog.OutputSizeInvalid, context.SpanOf("padding"), context.Name,
            $"the output size ({outText}) is not positive: (in - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1 with in = ({inText}), padding {SpatialArgs.Python(config.Padding.Left)}") with
        {
            Actual = new Fact(SpatialArgs.Joined(input.Spatial.Select(d => d.ToString())), context.InputOrigin),
            Notes =
            [
                $"PyTorch cannot run this layer: its reference kernel raises \"Given input size per channel: ({inText}). Calculated output size per channel: ({outText}). Output size is too small\", and on CPU the oneDNN kernel aborts the process",
            ],
        };
    }

    protected override Dim OutputSize(ConvConfig config, int index, Dim input) =>
        SymbolicSize.Affine(input, config.Stride[index],
            ConvArithmetic.TransposedOffset(config.Padding.Left[index], config.Kernel[index], config.Stride[index], config.Dilation[index], config.OutputPadding[index]));

    /// <summary>Each input element is multiplied into out_channels / groups * prod(kernel) outputs.</summary>
    protected override long? MultiplyAdds(ConvConfig config, long inChannels, SpatialInput input, Shape output) =>
        input.SpatialKnown
            ? checked(inChannels * SpatialArgs.Product(input.Spatial.Select(d => d.Value)) * (config.OutChannels / config.Groups) * config.KernelElements)
            : null;

    /// <summary>A transposed convolution upsamples: its step is 1 / stride.</summary>
    protected override SpatialWindow Window(ConvConfig config) =>
        new(config.Kernel, config.Stride.Select(s => 1.0 / s).ToArray(), config.Dilation);

    protected override long[] WeightShape(ConvConfig config, long inChannels) =>
        [inChannels, config.OutChannels / config.Groups, .. config.Kernel];

    /// <summary>
    /// ATen's "output_padding_height: 1 output_padding_width: 1" naming (depth, height, width); a 1d layer runs as 2d
    /// with a height of 1 (output_padding 0, stride 1, dilation 1).
    /// </summary>
    private string AtenNames(string name, long[] values)
    {
        var (axes, shown) = SpatialRank switch
        {
            1 => (new[] { "height", "width" }, new[] { name == "output_padding" ? 0 : 1, values[0] }),
            2 => (new[] { "height", "width" }, values),
            _ => (new[] { "depth", "height", "width" }, values),
        };
        return string.Join(" ", shown.Select((v, i) => $"{name}_{axes[i]}: {v.ToString(CultureInfo.InvariantCulture)}"));
    }
}
