using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;
using ShapeSafe.Syntax;

namespace ShapeSafe.Layers.Normalization;

/// <summary>
/// nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True): shape preserving; the
/// input's trailing dimensions must equal normalized_shape (an int is a 1-tuple), as F.layer_norm checks.
/// </summary>
public sealed class LayerNormRule : LayerRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Of("normalized_shape", ParamType.IntOrTuple),
        ParameterSpec.Optional("eps", ParamType.Float, 1e-5),
        ParameterSpec.Optional("elementwise_affine", ParamType.Bool, true),
        ParameterSpec.Optional("bias", ParamType.Bool, true),
        ParameterSpec.OptionalNone("device", ParamType.Any),
        ParameterSpec.OptionalNone("dtype", ParamType.Any));

    public override string Type => "LayerNorm";

    public override LayerSignature Signature => Constructor;

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var written = context.Args["normalized_shape"]!;
        var normalized = written.Kind == ArgKind.Int ? new[] { written.Int } : written.Items.Select(i => i.Int).ToArray();
        var affine = context.Bool("elementwise_affine");
        if (normalized.FirstOrDefault(n => n < 0) is var negative and < 0 && affine)
        {
            return LayerOutcome.Fail(context.Invalid("normalized_shape", $"must not contain negative sizes, but got {PyTorchText.List(normalized)}") with
            {
                Notes = [PyTorchText.Construction($"RuntimeError: Trying to create tensor with negative dimension {negative}: {PyTorchText.List(normalized)}")],
            });
        }

        if (normalized.Length == 0)
        {
            return LayerOutcome.Fail(context.Invalid("normalized_shape", "must contain at least one size") with
            {
                Notes = [PyTorchText.RunTime("RuntimeError: Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")],
            });
        }

        var elements = normalized.Aggregate(1L, (a, b) => checked(a * b));
        var cost = new LayerOutcome
        {
            Parameters = affine ? (context.Bool("bias") ? checked(2 * elements) : elements) : 0,
            MultiplyAdds = input.Rank > 0 ? input.KnownProduct(1) : 0L,
        };

        var tail = input.Rank >= normalized.Length ? input.Slice(input.Rank - normalized.Length, input.Rank) : null;
        var matches = tail is not null && tail.Zip(normalized).All(p => p.First.IsSymbolic || p.First.Value == p.Second);
        if (matches)
        {
            return cost with { Output = input };
        }

        var expected = "[" + string.Join(", ", normalized.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
        var pattern = "[*" + string.Concat(normalized.Select(n => $", {n}")) + "]";
        var failure = context.Error(DiagnosticCatalog.NormalizedShapeMismatch, context.SpanOf("normalized_shape"), context.Name, pattern, PyTorchText.Sizes(input)) with
        {
            Expected = context.ArgumentFact(expected, "normalized_shape"),
            Actual = new Fact(tail is null ? PyTorchText.Sizes(input) : PyTorchText.Sizes(tail), context.InputOrigin),
            Notes = [PyTorchText.RunTime($"RuntimeError: Given normalized_shape={expected}, expected input with shape {pattern}, but got input of size{PyTorchText.Sizes(input)}")],
        };
        if (tail is not null && tail.IsFullyKnown && context.IsExplicit("normalized_shape"))
        {
            var replacement = written.Kind == ArgKind.Int ? tail[0].ToString() : PyTorchText.Tuple(tail.Select(d => d.Value));
            failure = failure with
            {
                Fixes = [new Fix($"set normalized_shape to {replacement}, the input's trailing size", Applicability.MachineApplicable, [TextEdit.Replace(written.Span, replacement)])],
            };
        }

        var fixedElements = tail is not null && tail.IsFullyKnown ? tail.Aggregate(1L, (a, d) => checked(a * d.Value)) : elements;
        return cost with
        {
            Failure = failure,
            RecoveredOutput = input,
            Parameters = affine ? (context.Bool("bias") ? checked(2 * fixedElements) : fixedElements) : 0,
        };
    }
}
