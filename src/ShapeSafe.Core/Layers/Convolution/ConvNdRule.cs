using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Convolution;

/// <summary>
/// Conv1d/Conv2d/Conv3d: out = floor((in + pad_l + pad_r - dilation * (k - 1) - 1) / stride) + 1 per spatial
/// dimension, with padding an int, a tuple, 'valid' or 'same', and padding_mode zeros/reflect/replicate/circular.
/// </summary>
public abstract class ConvNdRule : ConvolutionRule
{
    private static readonly string[] PaddingModes = ["zeros", "reflect", "replicate", "circular"];

    protected ConvNdRule(int spatialRank)
        : base(spatialRank, new LayerSignature(
            ParameterSpec.InferredSize("in_channels"),
            ParameterSpec.Of("out_channels", ParamType.Int),
            ParameterSpec.Of("kernel_size", ParamType.IntOrTuple),
            ParameterSpec.Optional("stride", ParamType.IntOrTuple, 1),
            ParameterSpec.Optional("padding", ParamType.Padding, 0),
            ParameterSpec.Optional("dilation", ParamType.IntOrTuple, 1),
            ParameterSpec.Optional("groups", ParamType.Int, 1),
            ParameterSpec.Optional("bias", ParamType.Bool, true),
            ParameterSpec.Optional("padding_mode", ParamType.String, "zeros"),
            ParameterSpec.OptionalNone("device", ParamType.Any),
            ParameterSpec.OptionalNone("dtype", ParamType.Any)))
    {
    }

    public override string Type => SpatialRank switch
    {
        1 => "Conv1d",
        2 => "Conv2d",
        _ => $"Conv{SpatialRank}d",
    };

    protected override bool Transposed => false;

    protected override ConvPadding? ReadPadding(LayerContext context, long[] kernel, long[] stride, long[] dilation, out Diagnostic? error) =>
        ConvPadding.Resolve(context, SpatialRank, kernel, stride, dilation, out error);

    protected override long[]? ReadOutputPadding(LayerContext context, out Diagnostic? error)
    {
        error = null;
        return new long[SpatialRank];
    }

    protected override Diagnostic? CheckPaddingMode(LayerContext context, ConvConfig config)
    {
        if (Array.IndexOf(PaddingModes, config.PaddingMode) >= 0)
        {
            return null;
        }

        var near = Suggest.Closest(config.PaddingMode, PaddingModes);
        return context.Invalid("padding_mode", $"must be one of 'zeros', 'reflect', 'replicate' or 'circular', but got '{config.PaddingMode}'"
            + (near is null ? string.Empty : $"; did you mean '{near}'?")) with
        {
            Notes = [$"PyTorch raises ValueError: padding_mode must be one of {{'zeros', 'reflect', 'replicate', 'circular'}}, but got padding_mode='{config.PaddingMode}'"],
            Fixes = near is null || !context.IsExplicit("padding_mode") ? [] :
                [new Fix($"use padding_mode='{near}'", Applicability.MaybeIncorrect, [TextEdit.Replace(context.SpanOf("padding_mode"), $"'{near}'")])],
        };
    }

    /// <summary>
    /// With padding_mode other than 'zeros', PyTorch pads the input with F.pad first: reflect needs each pad smaller
    /// than the size it pads, circular at most that size.
    /// </summary>
    protected override Diagnostic? CheckInputBeforeConvolution(LayerContext context, ConvConfig config, SpatialInput input)
    {
        if (config.PaddingMode is not ("reflect" or "circular"))
        {
            return null;
        }

        // F.pad pads the last dimension first, and reports the first one that fails.
        for (var i = SpatialRank - 1; i >= 0; i--)
        {
            if (input.Spatial[i] is not { IsKnown: true } dim)
            {
                continue;
            }

            var (left, right) = (config.Padding.Left[i], config.Padding.Right[i]);
            var dimIndex = input.ChannelIndex + 1 + i;
            if (config.PaddingMode == "reflect" && (left >= dim.Value || right >= dim.Value))
            {
                return context.Config("padding", $"padding_mode='reflect' needs each padding smaller than the size it pads, but dimension {dimIndex} of the input {input.Shape} is {dim.Value} and the padding is ({left}, {right})") with
                {
                    Actual = new Fact(dim.Value.ToString(CultureInfo.InvariantCulture), context.InputOrigin),
                    Notes = [$"PyTorch raises: Argument #4: Padding size should be less than the corresponding input dimension, but got: padding ({left}, {right}) at dimension {dimIndex} of input {input.Shape.ToTorchString()}"],
                };
            }

            if (config.PaddingMode == "circular" && (left > dim.Value || right > dim.Value))
            {
                return context.Config("padding", $"padding_mode='circular' needs each padding at most the size it pads, but dimension {dimIndex} of the input {input.Shape} is {dim.Value} and the padding is ({left}, {right})") with
                {
                    Actual = new Fact(dim.Value.ToString(CultureInfo.InvariantCulture), context.InputOrigin),
                    Notes = ["PyTorch raises: Padding value causes wrapping around more than once."],
                };
            }
        }

        return null;
    }

    /// <summary>ATen's check: every padded input size must be at least the dilated kernel.</summary>
    protected override Diagnostic? CheckSizes(LayerContext context, ConvConfig config, SpatialInput input)
    {
        var effective = config.EffectiveKernel;
        var padded = new Dim[SpatialRank];
        var tooSmall = false;
        for (var i = 0; i < padded.Length; i++)
        {
            padded[i] = SymbolicSize.Affine(input.Spatial[i], 1, config.Padding.Left[i] + config.Padding.Right[i]);
            tooSmall |= padded[i].IsKnown && padded[i].Value < effective[i];
        }

        if (!tooSmall)
        {
            return null;
        }

        var kernelText = SpatialArgs.Joined(effective.Select(Text));
        var paddedText = SpatialArgs.Joined(padded.Select(d => d.ToString()));
        var dilated = config.Dilation.Any(d => d != 1);
        var paddingText = config.Padding.Left.Concat(config.Padding.Right).All(p => p == 0) ? "unpadded" : $"padded by {config.Padding.Written}";
        return context.Error(DiagnosticCatalog.KernelTooLarge, context.SpanOf("kernel_size"), context.Name, kernelText, paddedText) with
        {
            Expected = new Fact(kernelText, dilated
                ? $"kernel_size {SpatialArgs.Python(config.Kernel)} with dilation {SpatialArgs.Python(config.Dilation)} spans dilation * (k - 1) + 1"
                : context.OriginOf("kernel_size")),
            Actual = new Fact(paddedText, $"{context.InputOrigin}, {paddingText}"),
            Notes =
            [
                $"PyTorch raises: Calculated padded input size per channel: ({SpatialArgs.Spaced(padded.Select(d => d.ToString()))}). Kernel size: ({SpatialArgs.Spaced(effective.Select(Text))}). Kernel size can't be greater than actual input size",
            ],
        };
    }

    protected override Dim OutputSize(ConvConfig config, int index, Dim input) =>
        SymbolicSize.FloorDivPlusOne(input,
            ConvArithmetic.OutputOffset(config.Padding.Left[index], config.Padding.Right[index], config.Kernel[index], config.Dilation[index]),
            config.Stride[index]);

    /// <summary>Each output element sums in_channels / groups * prod(kernel) products.</summary>
    protected override long? MultiplyAdds(ConvConfig config, long inChannels, SpatialInput input, Shape output) =>
        output.KnownProduct(input.ChannelIndex) is { } outputElements
            ? checked(outputElements * (inChannels / config.Groups) * config.KernelElements)
            : null;

    protected override SpatialWindow Window(ConvConfig config) =>
        new(config.Kernel, SpatialArgs.Doubles(config.Stride), config.Dilation);

    protected override long[] WeightShape(ConvConfig config, long inChannels) =>
        [config.OutChannels, inChannels / config.Groups, .. config.Kernel];

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
