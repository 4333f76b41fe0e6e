using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Padding;

/// <summary>
/// The padding layers (ZeroPad*, ConstantPad*, ReflectionPad*, ReplicationPad*), as F.pad applies them:
/// an int pads every side of the last 1, 2 or 3 dimensions; a tuple (left, right, top, bottom, front, back)
/// pads the last len/2 dimensions, innermost first. Constant padding accepts any input with enough
/// dimensions and crops where padding is negative; reflection and replication need (C, *) or (N, C, *)
/// inputs, and reflection pads less than the dimension it mirrors.
/// </summary>
public abstract class PaddingRuleBase : LayerRule
{
    private static readonly LayerSignature PaddingOnly = new(ParameterSpec.Of("padding", ParamType.IntOrTuple));

    public override LayerSignature Signature => PaddingOnly;

    /// <summary>How many trailing dimensions an int padding pads: 1, 2 or 3.</summary>
    protected abstract int SpatialDims { get; }

    protected abstract PaddingMode Mode { get; }

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var written = context.Args["padding"]!;
        var pad = written.Kind == ArgKind.Int ? Enumerable.Repeat(written.Int, 2 * SpatialDims).ToArray() : written.Items.Select(i => i.Int).ToArray();
        if (pad.Length % 2 != 0)
        {
            return LayerOutcome.Fail(context.Config("padding", $"padding {PyTorchText.Tuple(pad)} has {pad.Length} values, but needs a (before, after) pair per dimension") with
            {
                Notes = [PyTorchText.RunTime("RuntimeError: Padding length must be divisible by 2")],
            }, input);
        }

        if (pad.Length > 2 * input.Rank)
        {
            return LayerOutcome.Fail(context.Config("padding", $"padding {PyTorchText.Tuple(pad)} pads {pad.Length / 2} dimensions, but the input {input} has only {input.Rank}") with
            {
                Notes = [PyTorchText.RunTime($"RuntimeError: Padding length should be less than or equal to two times the input dimension but got padding length {pad.Length} and input of dimension {input.Rank}")],
            }, input);
        }

        return Mode == PaddingMode.Constant ? Constant(context, input, pad) : NonConstant(context, input, pad);
    }

    /// <summary>constant_pad_nd: crops first (narrow) where padding is negative, then pads.</summary>
    private static LayerOutcome Constant(LayerContext context, Shape input, long[] pad)
    {
        var padded = pad.Length / 2;
        var first = input.Rank - padded;
        for (var d = first; d < input.Rank; d++)
        {
            var (before, after) = PairFor(pad, input.Rank, d);
            if (!input[d].IsKnown)
            {
                continue;
            }

            var size = input[d].Value;
            var remaining = size + Math.Min(before, 0);
            if (remaining < 0 || remaining + Math.Min(after, 0) < 0)
            {
                return Fail(context, input, d, before, after, "RuntimeError: narrow(): length must be non-negative.");
            }
        }

        if (pad.Any(p => p > 0))
        {
            for (var d = first; d < input.Rank; d++)
            {
                var (before, after) = PairFor(pad, input.Rank, d);
                if (input[d].IsKnown && input[d].Value + before + after <= 0)
                {
                    return Fail(context, input, d, before, after, $"RuntimeError: The input size {input[d].Value}, plus negative padding {before} and {after} "
                        + $"resulted in a negative output size, which is invalid. Check dimension {d} of your input.");
                }
            }
        }

        return LayerOutcome.Ok(Padded(input, pad));
    }

    private static LayerOutcome Fail(LayerContext context, Shape input, int d, long before, long after, string pytorch)
    {
        var size = input[d].Value;
        return LayerOutcome.Fail(context.Error(DiagnosticCatalog.OutputSizeInvalid, context.SpanOf("padding"), context.Name,
            $"padding ({before}, {after}) on dimension {d} of the input {input} (size {size}) would leave size {size + before + after}") with
        {
            Notes = [PyTorchText.RunTime(pytorch)],
        }, input);
    }

    /// <summary>reflection_pad / replication_pad: (C, *) or (N, C, *) inputs with len(padding)/2 spatial dims.</summary>
    private LayerOutcome NonConstant(LayerContext context, Shape input, long[] pad)
    {
        var dims = pad.Length / 2;
        if (dims is < 1 or > 3 || (input.Rank != dims + 1 && input.Rank != dims + 2))
        {
            var ranks = dims is >= 1 and <= 3 ? $"{dims + 1}D or {dims + 2}D" : "2D to 5D";
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, ranks, PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime("NotImplementedError: Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now")],
            }, input);
        }

        var batched = input.Rank == dims + 2;
        if (input.Skip(batched ? 1 : 0).Any(d => d.IsKnown && d.Value == 0))
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.OutputSizeInvalid, context.Call.CallSpan, context.Name, $"the input {input} has an empty dimension") with
            {
                Notes = [PyTorchText.RunTime($"RuntimeError: Expected {dims + 1}D or {dims + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: {PyTorchText.Sizes(input)}")],
            }, input);
        }

        if (Mode == PaddingMode.Reflect)
        {
            for (var i = 0; i < dims; i++)
            {
                var d = input.Rank - 1 - i;
                var (before, after) = (pad[2 * i], pad[2 * i + 1]);
                if (input[d].IsKnown && (before >= input[d].Value || after >= input[d].Value))
                {
                    return LayerOutcome.Fail(context.Config("padding",
                        $"reflection padding ({before}, {after}) must be less than the size {input[d].Value} of dimension {d} of the input {input}") with
                    {
                        Notes =
                        [
                            PyTorchText.RunTime($"RuntimeError: Argument #{4 + (2 * i)}: Padding size should be less than the corresponding input dimension, "
                                + $"but got: padding ({before}, {after}) at dimension {d} of input {PyTorchText.Sizes(input)}"),
                        ],
                    }, input);
                }
            }
        }

        var output = Padded(input, pad);
        var spatialIn = input.Skip(input.Rank - dims).ToArray();
        var spatialOut = output.Skip(input.Rank - dims).ToArray();
        if (spatialOut.Any(d => d.IsKnown && d.Value < 1))
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.OutputSizeInvalid, context.SpanOf("padding"), context.Name,
                $"padding the input {input} gives {output}, but every padded dimension must be at least 1") with
            {
                Notes = [PyTorchText.RunTime(TooSmall(spatialIn, spatialOut))],
            }, input);
        }

        return LayerOutcome.Ok(output);
    }

    private static string TooSmall(Dim[] input, Dim[] output) => input.Length switch
    {
        1 => $"RuntimeError: input (W: {input[0]}) is too small. Calculated output W: {output[0]}",
        2 => $"RuntimeError: Calculated output H: {output[0]} W: {output[1]} must be >= 1 in every dimension (input H: {input[0]}, W: {input[1]})",
        _ => $"RuntimeError: Calculated output D: {output[0]} H: {output[1]} W: {output[2]} must be >= 1 in every dimension "
            + $"(input D: {input[0]}, H: {input[1]}, W: {input[2]})",
    };

    /// <summary>The (before, after) padding of input dimension <paramref name="d"/>: the last dimension takes pad[0], pad[1].</summary>
    private static (long Before, long After) PairFor(long[] pad, int rank, int d)
    {
        var index = 2 * (rank - 1 - d);
        return (pad[index], pad[index + 1]);
    }

    private static Shape Padded(Shape input, long[] pad)
    {
        var first = input.Rank - (pad.Length / 2);
        return new Shape(input.Select((dim, d) =>
        {
            if (d < first)
            {
                return dim;
            }

            var (before, after) = PairFor(pad, input.Rank, d);
            var total = before + after;
            return dim + total;
        }));
    }
}
