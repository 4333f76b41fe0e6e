using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Pooling;

/// <summary>
/// What MaxPool{n}d and AvgPool{n}d share: ATen's pooling_output_shape per spatial dimension
/// (floor or ceil mode, the dropped last window), stride defaulting to kernel_size, the padding limit of
/// half the kernel, and "Output size is too small". Channels and batch pass through; an unbatched input
/// stays unbatched.
/// </summary>
public abstract class PoolNdRule : LayerRule
{
    protected PoolNdRule(int spatialRank, LayerSignature signature)
    {
        SpatialRank = spatialRank;
        Signature = signature;
    }

    public int SpatialRank { get; }

    public override LayerSignature Signature { get; }

    /// <summary>False for AvgPool, which has no dilation argument (its dilation is 1).</summary>
    protected abstract bool HasDilation { get; }

    /// <summary>The functional name PyTorch's messages use: max_pool2d, avg_pool2d.</summary>
    protected abstract string FunctionName { get; }

    public sealed override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var kernel = SpatialArgs.Sizes(context, "kernel_size", SpatialRank, out var error);
        if (kernel is null)
        {
            return LayerOutcome.Fail(error!);
        }

        // stride=None (and PyTorch's empty stride list) means stride = kernel_size.
        var strideArg = context.Args["stride"];
        var stride = context.IsNone("stride") || strideArg is { Kind: ArgKind.Tuple, Items.Count: 0 }
            ? (long[])kernel.Clone()
            : SpatialArgs.Sizes(context, "stride", SpatialRank, out error);
        var padding = stride is null ? null : SpatialArgs.Sizes(context, "padding", SpatialRank, out error);
        var dilation = padding is null ? null
            : HasDilation ? SpatialArgs.Sizes(context, "dilation", SpatialRank, out error)
            : SpatialArgs.Filled(1, SpatialRank);
        if (stride is null || padding is null || dilation is null)
        {
            return LayerOutcome.Fail(error!);
        }

        if (CheckArguments(context) is { } argumentError)
        {
            return LayerOutcome.Fail(argumentError);
        }

        if (SpatialInput.Split(input, SpatialRank) is not { } spatial)
        {
            return LayerOutcome.Fail(WrongRank(context, input));
        }

        var rangeError = SpatialArgs.AtLeast(context, "kernel_size", kernel, 1, "must be greater than zero")
            ?? SpatialArgs.AtLeast(context, "stride", stride, 1, "must be greater than zero")
            ?? SpatialArgs.AtLeast(context, "padding", padding, 0, "must be non-negative")
            ?? (HasDilation ? SpatialArgs.AtLeast(context, "dilation", dilation, 1, "must be greater than zero") : null);
        if (rangeError is not null)
        {
            return LayerOutcome.Fail(rangeError);
        }

        if (spatial.FirstEmptyNonBatchDim(includeChannels: true) is { } empty)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.EmptyInput, context.Call.CallSpan, context.Name, input.ToTorchString(), empty) with
            {
                Actual = new Fact(input.ToString(), context.InputOrigin),
                Notes = [$"{FunctionName} needs every non-batch dimension to be non-empty"],
            });
        }

        if (PaddingExceedsHalfKernel(padding, kernel))
        {
            return LayerOutcome.Fail(PaddingTooLarge(context, kernel, padding, dilation));
        }

        if (CheckInputSize(context, spatial, kernel) is { } sizeError)
        {
            return LayerOutcome.Fail(sizeError);
        }

        var ceilMode = context.Bool("ceil_mode");
        var outputs = new Dim[SpatialRank];
        var tooSmall = false;
        for (var i = 0; i < outputs.Length; i++)
        {
            outputs[i] = OutputSize(spatial.Spatial[i], kernel[i], padding[i], stride[i], dilation[i], ceilMode);
            tooSmall |= outputs[i].IsKnown && outputs[i].Value < 1;
        }

        if (tooSmall)
        {
            return LayerOutcome.Fail(OutputTooSmall(context, spatial, outputs, kernel, padding, dilation));
        }

        return new LayerOutcome
        {
            Output = spatial.With(spatial.Channels, outputs),
            Window = new SpatialWindow(kernel, SpatialArgs.Doubles(stride), dilation),
        };
    }

    /// <summary>Constructor arguments particular to the kind (AvgPool's divisor_override).</summary>
    protected virtual Diagnostic? CheckArguments(LayerContext context) => null;

    /// <summary>A check of the input against the kernel before the output size (AvgPool3d's).</summary>
    protected virtual Diagnostic? CheckInputSize(LayerContext context, SpatialInput input, long[] kernel) => null;

    /// <summary>PyTorch's message for padding over half the kernel, for the first failing check.</summary>
    protected virtual string PaddingMessage(long[] kernel, long[] padding, long[] dilation)
    {
        for (var i = 0; i < SpatialRank; i++)
        {
            if (padding[i] > PoolArithmetic.MaxPaddingForEffectiveKernel(kernel[i], dilation[i]))
            {
                return $"pad should be at most half of effective kernel size, but got pad={padding[i]}, kernel_size={kernel[i]} and dilation={dilation[i]}";
            }
        }

        return SpatialRank == 3
            ? $"pad should be smaller than or equal to half of kernel size, but got kT: {kernel[0]} kW: {kernel[2]} kH: {kernel[1]} padT: {padding[0]} padW: {padding[2]} padH: {padding[1]}"
            : $"pad should be smaller than or equal to half of kernel size, but got padW = {padding[^1]}, padH = {padding[0]}, kW = {kernel[^1]}, kH = {kernel[0]}";
    }

    /// <summary>PyTorch's message for an output size below 1.</summary>
    protected virtual string OutputTooSmallMessage(SpatialInput input, IReadOnlyList<Dim> outputs)
    {
        var inText = SpatialArgs.Joined(new[] { input.Channels }.Concat(input.Spatial).Select(d => d.ToString()));
        var outText = SpatialArgs.Joined(new[] { input.Channels }.Concat(outputs).Select(d => d.ToString()));
        return $"Given input size: ({inText}). Calculated output size: ({outText}). Output size is too small";
    }

    private static bool PaddingExceedsHalfKernel(long[] padding, long[] kernel)
    {
        for (var i = 0; i < padding.Length; i++)
        {
            if (padding[i] > PoolArithmetic.MaxPadding(kernel[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static Dim OutputSize(Dim input, long kernel, long padding, long stride, long dilation, bool ceilMode)
    {
        if (input.IsKnown)
        {
            return Dim.Known(PoolArithmetic.OutputSize(input.Value, kernel, padding, stride, dilation, ceilMode));
        }

        // Symbolic: floor((in + 2p - d(k-1) - 1 [+ s - 1]) / s) + 1. The ceil-mode correction for a last window
        // starting in the right padding cannot be decided without the size, and is left out.
        var offset = checked((2 * padding) - ConvArithmetic.EffectiveKernel(kernel, dilation) + (ceilMode ? stride - 1 : 0));
        return SymbolicSize.FloorDivPlusOne(input, offset, stride);
    }

    private Diagnostic WrongRank(LayerContext context, Shape input)
    {
        var expected = SpatialInput.ExpectedRanks(SpatialRank);
        return context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, expected, input.ToTorchString()) with
        {
            Expected = new Fact(expected, $"{context.Type} pools the last {SpatialRank} dimension{(SpatialRank == 1 ? string.Empty : "s")} of (C, ...) or (N, C, ...)"),
            Actual = new Fact($"{input.Rank}D {input}", context.InputOrigin),
        };
    }

    private Diagnostic PaddingTooLarge(LayerContext context, long[] kernel, long[] padding, long[] dilation)
    {
        var limit = kernel.Select(PoolArithmetic.MaxPadding).ToArray();
        return context.Error(DiagnosticCatalog.PoolPaddingTooLarge, context.SpanOf("padding"), context.Name,
            Scalar(padding), Scalar(kernel)) with
        {
            Expected = new Fact($"at most {Scalar(limit)}", $"half of kernel_size {Scalar(kernel)}, rounded down"),
            Actual = context.ArgumentFact(Scalar(padding), "padding"),
            Notes = [$"PyTorch raises: {PaddingMessage(kernel, padding, dilation)}"],
        };
    }

    private Diagnostic OutputTooSmall(LayerContext context, SpatialInput input, Dim[] outputs, long[] kernel, long[] padding, long[] dilation)
    {
        var inText = SpatialArgs.Joined(input.Spatial.Select(d => d.ToString()));
        var outText = SpatialArgs.Joined(outputs.Select(d => d.ToString()));

        // The smallest input that gives one output: in + 2p >= dilation * (k - 1) + 1.
        var minimum = Enumerable.Range(0, SpatialRank)
            .Select(i => Math.Max(1, ConvArithmetic.EffectiveKernel(kernel[i], dilation[i]) - (2 * padding[i])).ToString(CultureInfo.InvariantCulture));
        return context.Error(DiagnosticCatalog.PoolOutputTooSmall, context.SpanOf("kernel_size"), context.Name, inText, outText) with
        {
            Expected = new Fact($"at least {SpatialArgs.Joined(minimum)}", $"kernel_size {Scalar(kernel)} with padding {Scalar(padding)}"),
            Actual = new Fact(inText, context.InputOrigin),
            Notes = [$"PyTorch raises: {OutputTooSmallMessage(input, outputs)}"],
        };
    }

    protected string Scalar(long[] values) => SpatialRank == 1 ? values[0].ToString(CultureInfo.InvariantCulture) : SpatialArgs.Python(values);
}
