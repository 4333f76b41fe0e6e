using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Linear;

/// <summary>
/// nn.Linear(in_features, out_features, bias=True): applies to the last dimension of an input of any
/// rank from 1, as F.linear does, so (N, *, in) becomes (N, *, out). in_features may be omitted
/// (LazyLinear) and is then inferred. A mismatch is PyTorch's "mat1 and mat2 shapes cannot be multiplied".
/// </summary>
public sealed class LinearRule : LayerRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.InferredSize("in_features"),
        ParameterSpec.Of("out_features", ParamType.Int),
        ParameterSpec.Optional("bias", ParamType.Bool, true),
        ParameterSpec.OptionalNone("device", ParamType.Any),
        ParameterSpec.OptionalNone("dtype", ParamType.Any));

    public override string Type => "Linear";

    public override LayerSignature Signature => Constructor;

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var outFeatures = context.Int("out_features");
        var written = context.OptionalInt("in_features");
        if (NegativeSize(context, written, outFeatures) is { } negative)
        {
            return LayerOutcome.Fail(negative);
        }

        var outputTail = new[] { Dim.Known(outFeatures) };
        if (input.Rank == 0)
        {
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, "at least 1D", PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime("RuntimeError: both arguments to linear need to be at least 1D, but they are 0D and 2D")],
            }, new Shape(outputTail));
        }

        var output = input.Slice(0, input.Rank - 1).Concat(outputTail);
        var last = input[^1];
        if (written is null)
        {
            if (last.IsSymbolic)
            {
                return LayerOutcome.Fail(context.Error(DiagnosticCatalog.SymbolicShape, context.Call.CallSpan, context.Name, "in_features", last), output);
            }

            return Cost(context, input, last.Value, outFeatures) with
            {
                Output = output,
                Inferred = new Dictionary<string, long> { ["in_features"] = last.Value },
            };
        }

        if (last.IsSymbolic || last.Value == written.Value)
        {
            return Cost(context, input, written.Value, outFeatures) with { Output = output };
        }

        var failure = context.SizeMismatch(DiagnosticCatalog.LinearInFeatures, "in_features", written.Value, last.Value, ProductText(context, last.Value));
        var rows = input.Rank == 1 ? "1" : input.Product(0, input.Rank - 1).ToString();
        failure = failure with
        {
            Notes =
            [
                .. failure.Notes,
                PyTorchText.RunTime($"mat1 and mat2 shapes cannot be multiplied ({rows}x{last.Value} and {written.Value}x{outFeatures})"),
            ],
        };
        return Cost(context, input, last.Value, outFeatures) with { Failure = failure, RecoveredOutput = output };
    }

    /// <summary>
    /// When in_features was written as a product (<c>32 * 8 * 8</c>) and the input was flattened from a
    /// known shape, the actual size in the same form: the trailing factors of what Flatten received.
    /// </summary>
    private static string? ProductText(LayerContext context, long actual)
    {
        if (context.Args["in_features"] is not { } written || !written.Text.Contains('*', StringComparison.Ordinal) || context.FlattenedFrom is not { Rank: > 1 } from)
        {
            return null;
        }

        var product = 1L;
        for (var start = from.Rank - 1; start >= 1; start--)
        {
            if (!from[start].IsKnown)
            {
                return null;
            }

            product = checked(product * from[start].Value);
            if (product == actual)
            {
                var factors = from.Skip(start).ToList();
                return factors.Count > 1 ? string.Join(" * ", factors) : null;
            }

            if (product > actual)
            {
                return null;
            }
        }

        return null;
    }

    private static Diagnostic? NegativeSize(LayerContext context, long? inFeatures, long outFeatures)
    {
        var (name, value) = outFeatures < 0 ? ("out_features", outFeatures) : inFeatures < 0 ? ("in_features", inFeatures.Value) : (null, 0L);
        if (name is null)
        {
            return null;
        }

        return context.Invalid(name, $"must not be negative, but got {value}") with
        {
            Notes = [PyTorchText.Construction($"RuntimeError: Trying to create tensor with negative dimension {value}: [{outFeatures}, {inFeatures ?? 0}]")],
        };
    }

    /// <summary>Weights in*out (+ out bias); multiply-adds per sample: in*out for each position of the leading non-batch dims.</summary>
    private static LayerOutcome Cost(LayerContext context, Shape input, long inFeatures, long outFeatures)
    {
        var parameters = checked((inFeatures * outFeatures) + (context.Bool("bias") ? outFeatures : 0));
        var positions = input.Rank <= 2 ? 1 : input.KnownProduct(1, input.Rank - 1);
        return new LayerOutcome { Parameters = parameters, MultiplyAdds = positions is { } p ? checked(p * inFeatures * outFeatures) : null };
    }
}
