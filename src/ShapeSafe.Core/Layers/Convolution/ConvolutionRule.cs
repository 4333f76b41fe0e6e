using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Convolution;

/// <summary>
/// What Conv{n}d and ConvTranspose{n}d share, as PyTorch's _ConvNd does: the constructor checks (groups,
/// channel divisibility), the input rank (unbatched or batched), in_channels inferred from the input, the
/// channel check with a recovered output, and the weight. Subclasses give the padding, the per-dimension
/// output size and the size checks.
/// </summary>
public abstract class ConvolutionRule : LayerRule
{
    protected ConvolutionRule(int spatialRank, LayerSignature signature)
    {
        SpatialRank = spatialRank;
        Signature = signature;
    }

    public int SpatialRank { get; }

    public override LayerSignature Signature { get; }

    /// <summary>True for ConvTranspose{n}d.</summary>
    protected abstract bool Transposed { get; }

    /// <summary>The functional name PyTorch's messages use: conv2d, conv_transpose2d.</summary>
    protected string FunctionName => Transposed ? $"conv_transpose{SpatialRank}d" : $"conv{SpatialRank}d";

    public sealed override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var config = ReadConfig(context, out var error);
        if (config is null)
        {
            return LayerOutcome.Fail(error!);
        }

        if (CheckConstruction(context, config) is { } constructionError)
        {
            return LayerOutcome.Fail(constructionError);
        }

        if (SpatialInput.Split(input, SpatialRank) is not { } spatial)
        {
            return LayerOutcome.Fail(WrongRank(context, input));
        }

        Dictionary<string, long>? inferred = null;
        long? inChannels = config.InChannels;
        Diagnostic? symbolicChannels = null;
        if (inChannels is null)
        {
            if (spatial.Channels.IsSymbolic)
            {
                symbolicChannels = context.Error(DiagnosticCatalog.SymbolicShape, context.Call.CallSpan, context.Name, "in_channels", spatial.Channels.Symbol) with
                {
                    Actual = new Fact(spatial.Channels.Symbol!, context.InputOrigin),
                    Notes = [$"the channels are dimension {spatial.ChannelIndex} of the input {input}"],
                };
            }
            else
            {
                inChannels = spatial.Channels.Value;
                inferred = new Dictionary<string, long> { ["in_channels"] = inChannels.Value };
                if (inChannels.Value % config.Groups != 0)
                {
                    return LayerOutcome.Fail(GroupsError(context, "in_channels", inChannels.Value, config.Groups));
                }
            }
        }

        if (CheckForwardArguments(context, config) is { } argumentError)
        {
            return LayerOutcome.Fail(argumentError);
        }

        if (spatial.FirstEmptyNonBatchDim(includeChannels: false) is { } empty)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.EmptyInput, context.Call.CallSpan, context.Name, input.ToTorchString(), empty) with
            {
                Actual = new Fact(input.ToString(), context.InputOrigin),
                Notes = [$"PyTorch raises: Only zero batch or zero channel inputs are supported, but got input shape: {spatial.AsBatched().ToTorchString()}"],
            });
        }

        if (CheckInputBeforeConvolution(context, config, spatial) is { } padError)
        {
            return LayerOutcome.Fail(padError);
        }

        var channelMismatch = symbolicChannels is null && inChannels is { } expected && spatial.Channels.IsKnown && spatial.Channels.Value != expected
            ? ChannelMismatch(context, config, spatial, expected)
            : null;
        if (channelMismatch is null && symbolicChannels is null && inChannels is { } written && !spatial.Batched && context.IsSymbolicBatch(input, 0))
        {
            channelMismatch = context.BatchAsChannels(DiagnosticCatalog.ChannelMismatch, "in_channels", written, input, $"(C, {SpatialNames})");
        }

        if (CheckSizes(context, config, spatial) is { } sizeError)
        {
            return LayerOutcome.Fail(channelMismatch ?? symbolicChannels ?? sizeError);
        }

        var outputSizes = new Dim[SpatialRank];
        for (var i = 0; i < outputSizes.Length; i++)
        {
            outputSizes[i] = OutputSize(config, i, spatial.Spatial[i]);
        }

        var output = spatial.With(Dim.Known(config.OutChannels), outputSizes);
        var outcome = new LayerOutcome
        {
            Output = output,
            Inferred = (IReadOnlyDictionary<string, long>?)inferred ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, long>.Empty,
            Parameters = inChannels is { } c ? Parameters(config, c) : 0,
            MultiplyAdds = inChannels is { } c2 ? MultiplyAdds(config, c2, spatial, output) : null,
            Window = Window(config),
        };

        if ((channelMismatch ?? symbolicChannels) is { } fail)
        {
            return outcome with { Output = null, Failure = fail, RecoveredOutput = output };
        }

        return outcome;
    }

    /// <summary>Reads the padding argument(s): int/tuple/'same'/'valid' for Conv, int/tuple for ConvTranspose.</summary>
    protected abstract ConvPadding? ReadPadding(LayerContext context, long[] kernel, long[] stride, long[] dilation, out Diagnostic? error);

    /// <summary>Reads output_padding (ConvTranspose); zeros for Conv.</summary>
    protected abstract long[]? ReadOutputPadding(LayerContext context, out Diagnostic? error);

    /// <summary>Constructor checks particular to the kind (padding_mode).</summary>
    protected abstract Diagnostic? CheckPaddingMode(LayerContext context, ConvConfig config);

    /// <summary>Checks made while the input is padded before the convolution (reflect/circular padding modes).</summary>
    protected virtual Diagnostic? CheckInputBeforeConvolution(LayerContext context, ConvConfig config, SpatialInput input) => null;

    /// <summary>ATen's size checks on the known spatial sizes: kernel larger than the padded input, output too small.</summary>
    protected abstract Diagnostic? CheckSizes(LayerContext context, ConvConfig config, SpatialInput input);

    /// <summary>The output size of spatial dimension <paramref name="index"/> (symbolic for a symbolic input size).</summary>
    protected abstract Dim OutputSize(ConvConfig config, int index, Dim input);

    /// <summary>Multiply-adds for one sample; null when a size they depend on is symbolic.</summary>
    protected abstract long? MultiplyAdds(ConvConfig config, long inChannels, SpatialInput input, Shape output);

    /// <summary>The window, for receptive fields.</summary>
    protected abstract SpatialWindow Window(ConvConfig config);

    /// <summary>The weight's shape: [out, in/groups, *k] for Conv, [in, out/groups, *k] for ConvTranspose.</summary>
    protected abstract long[] WeightShape(ConvConfig config, long inChannels);

    /// <summary>Weight plus bias: in * out / groups * prod(kernel) (+ out).</summary>
    protected long Parameters(ConvConfig config, long inChannels) =>
        checked(SpatialArgs.Product(WeightShape(config, inChannels)) + (config.Bias ? config.OutChannels : 0));

    private ConvConfig? ReadConfig(LayerContext context, out Diagnostic? error)
    {
        var kernel = SpatialArgs.Sizes(context, "kernel_size", SpatialRank, out error);
        var stride = kernel is null ? null : SpatialArgs.Sizes(context, "stride", SpatialRank, out error);
        var dilation = stride is null ? null : SpatialArgs.Sizes(context, "dilation", SpatialRank, out error);
        var outputPadding = dilation is null ? null : ReadOutputPadding(context, out error);
        if (kernel is null || stride is null || dilation is null || outputPadding is null)
        {
            return null;
        }

        var inChannels = context.OptionalInt("in_channels");
        var outChannels = context.Int("out_channels");
        var groups = context.Int("groups");

        // _ConvNd.__init__ checks groups before anything else.
        if (groups <= 0)
        {
            error = context.Invalid("groups", $"must be a positive integer, but got {groups}") with
            {
                Notes = ["PyTorch raises ValueError: groups must be a positive integer"],
            };
            return null;
        }

        if (inChannels is { } written && written % groups != 0)
        {
            error = GroupsError(context, "in_channels", written, groups);
            return null;
        }

        if (outChannels % groups != 0)
        {
            error = GroupsError(context, "out_channels", outChannels, groups);
            return null;
        }

        var padding = ReadPadding(context, kernel, stride, dilation, out error);
        if (padding is null)
        {
            return null;
        }

        return new ConvConfig(inChannels, outChannels, kernel, stride, dilation, padding, outputPadding, groups,
            context.Bool("bias"), context.String("padding_mode") ?? "zeros");
    }

    private Diagnostic? CheckConstruction(LayerContext context, ConvConfig config)
    {
        if (CheckPaddingMode(context, config) is { } modeError)
        {
            return modeError;
        }

        // The weight is allocated in the constructor: a negative size cannot be allocated; zero output channels or a
        // zero kernel make an empty weight that F.conv rejects.
        if (config.InChannels is < 0)
        {
            return context.Invalid("in_channels", $"must be a positive integer, but got {config.InChannels}");
        }

        if (config.OutChannels <= 0)
        {
            return context.Invalid("out_channels", $"must be a positive integer, but got {config.OutChannels}");
        }

        return SpatialArgs.AtLeast(context, "kernel_size", config.Kernel, 1, "must be greater than zero");
    }

    /// <summary>The argument checks ATen's convolution makes when called (negative padding, non-positive stride or dilation).</summary>
    private static Diagnostic? CheckForwardArguments(LayerContext context, ConvConfig config)
    {
        if (SpatialArgs.AnyBelow(config.Padding.Left, 0))
        {
            return context.Invalid("padding", $"must not be negative, but got {config.Padding.Written}") with { Notes = ["PyTorch raises: negative padding is not supported"] };
        }

        if (SpatialArgs.AnyBelow(config.OutputPadding, 0))
        {
            return context.Invalid("output_padding", $"must not be negative, but got {SpatialArgs.Python(config.OutputPadding)}") with
            {
                Notes = ["PyTorch raises: negative output_padding is not supported"],
            };
        }

        if (SpatialArgs.AnyBelow(config.Stride, 1))
        {
            return context.Invalid("stride", $"must be greater than zero, but got {SpatialArgs.Python(config.Stride)}") with
            {
                Notes = ["PyTorch raises: non-positive stride is not supported"],
            };
        }

        if (SpatialArgs.AnyBelow(config.Dilation, 1))
        {
            return context.Invalid("dilation", $"must be greater than zero, but got {SpatialArgs.Python(config.Dilation)}") with
            {
                Notes = [$"PyTorch raises: dilation should be greater than zero, but got [{string.Join(", ", config.Dilation)}]"],
            };
        }

        return null;
    }

    private Diagnostic WrongRank(LayerContext context, Shape input)
    {
        var expected = SpatialInput.ExpectedRanks(SpatialRank);
        return context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, expected, input.ToTorchString()) with
        {
            Expected = new Fact(expected, $"{context.Type} takes (C, {SpatialNames}) or (N, C, {SpatialNames})"),
            Actual = new Fact($"{input.Rank}D {input}", context.InputOrigin),
            Notes = [$"PyTorch raises: Expected {expected} input to {FunctionName}, but got input of size: {input.ToTorchString()}"],
        };
    }

    private string SpatialNames => SpatialRank switch
    {
        1 => "L",
        2 => "H, W",
        _ => "D, H, W",
    };

    private static Diagnostic GroupsError(LayerContext context, string parameter, long value, long groups) =>
        context.Error(DiagnosticCatalog.GroupsDoNotDivide, context.SpanOf("groups"), context.Name,
            $"{parameter} ({value.ToString(CultureInfo.InvariantCulture)})", groups) with
        {
            Expected = context.ArgumentFact($"a multiple of {groups}", "groups"),
            Actual = context.Args.IsExplicit(parameter) ? context.ArgumentFact(value.ToString(CultureInfo.InvariantCulture), parameter) with { Number = value } : Fact.Of(value, context.InputOrigin),
            Notes = [$"PyTorch raises ValueError: {parameter} must be divisible by groups"],
        };

    private Diagnostic ChannelMismatch(LayerContext context, ConvConfig config, SpatialInput input, long expected)
    {
        var weight = "[" + string.Join(", ", WeightShape(config, expected)) + "]";
        var given = Transposed ? "transposed=1" : $"groups={config.Groups}";

        // With a padding_mode other than 'zeros', F.pad runs first and the convolution sees the padded input.
        var seen = config.PaddingMode == "zeros"
            ? input.AsBatched()
            : SpatialInput.Split(input.AsBatched(), SpatialRank)!.With(input.Channels,
                input.Spatial.Select((d, i) => SymbolicSize.Affine(d, 1, config.Padding.Left[i] + config.Padding.Right[i])));
        return context.SizeMismatch(DiagnosticCatalog.ChannelMismatch, "in_channels", expected, input.Channels.Value) with
        {
            Notes =
            [
                $"PyTorch raises: Given {given}, weight of size {weight}, expected input{seen.ToTorchString()} to have {expected} channels, but got {input.Channels.Value} channels instead",
            ],
        };
    }
}
