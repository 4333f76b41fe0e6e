using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Layers.Arithmetic;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Pooling;

/// <summary>
/// AdaptiveAvgPool{n}d(output_size) and AdaptiveMaxPool{n}d(output_size, return_indices=False): the spatial
/// output is output_size (an int, or a tuple whose None entries keep the input size, for 2d and 3d); the
/// input's non-batch dimensions must be non-empty.
/// </summary>
public abstract class AdaptivePoolNdRule : LayerRule
{
    protected AdaptivePoolNdRule(int spatialRank, bool max)
    {
        SpatialRank = spatialRank;
        Max = max;
        var outputSize = ParameterSpec.Of("output_size", spatialRank == 1 ? ParamType.IntOrTuple : ParamType.OptionalIntOrTuple);
        Signature = max
            ? new LayerSignature(outputSize, ParameterSpec.Optional("return_indices", ParamType.Bool, false))
            : new LayerSignature(outputSize);
    }

    public int SpatialRank { get; }

    /// <summary>True for AdaptiveMaxPool, false for AdaptiveAvgPool.</summary>
    public bool Max { get; }

    public override string Type => $"Adaptive{(Max ? "Max" : "Avg")}Pool{SpatialRank}d";

    public override LayerSignature Signature { get; }

    private string FunctionName => $"adaptive_{(Max ? "max" : "avg")}_pool{SpatialRank}d";

    public sealed override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var requested = ReadOutputSize(context, out var error);
        if (requested is null)
        {
            return LayerOutcome.Fail(error!);
        }

        if (!Max && SpatialRank >= 2 && requested.All(size => size == 1) && input.Rank >= SpatialRank)
        {
            // ATen's fast path: an all-ones output is input.mean(last n dims, keepdim=True), with no rank or empty-size check.
            var pooled = input.Take(input.Rank - SpatialRank).Concat(Enumerable.Repeat(Dim.Known(1), SpatialRank));
            return new LayerOutcome
            {
                Output = new Shape(pooled),
                Window = Window(input.Skip(input.Rank - SpatialRank).ToArray(), Enumerable.Repeat(Dim.Known(1), SpatialRank).ToArray()),
            };
        }

        if (SpatialInput.Split(input, SpatialRank) is not { } spatial)
        {
            var expected = SpatialInput.ExpectedRanks(SpatialRank);
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, expected, input.ToTorchString()) with
            {
                Expected = new Fact(expected, $"{context.Type} pools the last {SpatialRank} dimension{(SpatialRank == 1 ? string.Empty : "s")} of (C, ...) or (N, C, ...)"),
                Actual = new Fact($"{input.Rank}D {input}", context.InputOrigin),
            });
        }

        if (spatial.FirstEmptyNonBatchDim(includeChannels: false) is { } empty)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.EmptyInput, context.Call.CallSpan, context.Name, input.ToTorchString(), empty) with
            {
                Actual = new Fact(input.ToString(), context.InputOrigin),
                Notes = [$"PyTorch raises: {EmptyInputMessage(input, empty)}"],
            });
        }

        var outputs = spatial.Spatial.Select((d, i) => requested[i] is { } size ? Dim.Known(size) : d).ToArray();
        return new LayerOutcome
        {
            Output = spatial.With(spatial.Channels, outputs),
            Window = Window(spatial.Spatial, outputs),
        };
    }

    /// <summary>ATen's message; the 1d pools run as 2d ones on a height of 1, and their message shows that height.</summary>
    private string EmptyInputMessage(Shape input, int empty)
    {
        var (function, sizes, dim) = SpatialRank == 1
            ? (FunctionName.Replace("1d", "2d", StringComparison.Ordinal), new Shape(input.Take(input.Rank - 1).Append(Dim.Known(1)).Append(input[^1])), empty + 1)
            : (FunctionName, input, empty);
        return $"{function}(): Expected input to have non-zero size for non-batch dimensions, but input has sizes {sizes.ToTorchString()} with dimension {dim} being empty";
    }

    /// <summary>
    /// output_size per spatial dimension (null: keep the input size), as F.adaptive_*_pool expands it; a wrong tuple
    /// length, a whole None, or a negative size is PyTorch's error.
    /// </summary>
    private long?[]? ReadOutputSize(LayerContext context, out Diagnostic? error)
    {
        error = null;
        var value = context.Args["output_size"]!;
        var shape = SpatialRank == 1 ? "an int or a tuple of 1 int" : $"an int or a tuple of {SpatialRank} entries, each an int or None (None keeps that input size)";
        long?[] sizes;
        switch (value.Kind)
        {
            case ArgKind.Int:
                sizes = Enumerable.Repeat<long?>(value.Int, SpatialRank).ToArray();
                break;
            case ArgKind.Tuple when value.Items.Count == SpatialRank:
                sizes = value.Items.Select(i => i.Kind == ArgKind.Int ? i.Int : (long?)null).ToArray();
                break;
            default:
                error = context.Invalid("output_size", $"must be {shape}, but got {value.ToPython()}");
                return null;
        }

        if (sizes.FirstOrDefault(s => s < 0) is { } negative)
        {
            error = context.Invalid("output_size", $"elements must be greater than or equal to 0, but got {value.ToPython()}") with
            {
                Actual = context.ArgumentFact(negative.ToString(CultureInfo.InvariantCulture), "output_size"),
            };
            return null;
        }

        return sizes;
    }

    /// <summary>For receptive fields: kernel ceil(in / out) and stride floor(in / out) per dimension, when all are known and non-empty.</summary>
    private static SpatialWindow? Window(IReadOnlyList<Dim> inputs, Dim[] outputs)
    {
        if (inputs.Any(d => d.IsSymbolic) || outputs.Any(d => d.IsSymbolic || d.Value == 0))
        {
            return null;
        }

        var kernel = inputs.Select((d, i) => PoolArithmetic.AdaptiveKernel(d.Value, outputs[i].Value)).ToArray();
        var stride = inputs.Select((d, i) => PoolArithmetic.AdaptiveStride(d.Value, outputs[i].Value)).ToArray();
        return new SpatialWindow(kernel, stride, Enumerable.Repeat(1L, inputs.Count).ToArray());
    }
}
