using System.Globalization;
using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Activations;

/// <summary>
/// nn.PReLU(num_parameters=1, init=0.25): shape preserving with learned slopes. As in PyTorch's prelu,
/// num_parameters other than 1 must equal the channel dimension (dim 1; 1 for a 1-D input).
/// </summary>
public sealed class PReLURule : ShapePreservingRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("num_parameters", ParamType.Int, 1),
        ParameterSpec.Optional("init", ParamType.Float, 0.25),
        ParameterSpec.OptionalNone("device", ParamType.Any),
        ParameterSpec.OptionalNone("dtype", ParamType.Any));

    public override string Type => "PReLU";

    public override LayerSignature Signature => Constructor;

    protected override Diagnostic? Check(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        var count = context.Int("num_parameters");
        if (count < 0)
        {
            return context.Invalid("num_parameters", $"must not be negative, but got {count}") with
            {
                Notes = [PyTorchText.Construction($"RuntimeError: Trying to create tensor with negative dimension {count}: [{count}]")],
            };
        }

        if (count == 1)
        {
            return null;
        }

        if (input.Rank == 0)
        {
            return context.Error(DiagnosticCatalog.WrongRank, context.SpanOf("num_parameters"), context.Name, "at least 1D", PyTorchText.Sizes(input)) with
            {
                Notes = [PyTorchText.RunTime("Not allow zero-dim input tensor.")],
            };
        }

        var channels = input.Rank > 1 ? input[1] : Dim.Known(1);
        if (!channels.IsKnown || channels.Value == count)
        {
            return null;
        }

        var fixes = new List<Fix>();
        if (context.IsExplicit("num_parameters"))
        {
            var span = context.SpanOf("num_parameters");
            fixes.Add(new Fix($"set num_parameters to {channels.Value}, one slope per channel", Applicability.MaybeIncorrect,
                [TextEdit.Replace(span, channels.Value.ToString(CultureInfo.InvariantCulture))]));
            fixes.Add(new Fix("set num_parameters to 1, one slope shared by all channels", Applicability.MaybeIncorrect, [TextEdit.Replace(span, "1")]));
        }

        return context.Error(DiagnosticCatalog.ChannelMismatch, context.SpanOf("num_parameters"), context.Name, count, channels.Value) with
        {
            Expected = context.ArgumentFact(count.ToString(CultureInfo.InvariantCulture), "num_parameters"),
            Actual = new Fact(channels.Value.ToString(CultureInfo.InvariantCulture), context.InputOrigin),
            Notes = [PyTorchText.RunTime($"Mismatch of parameter numbers and input channel size. Found parameter numbers = {count} and channel size = {channels.Value}.")],
            Fixes = fixes,
        };
    }

    protected override long Parameters(LayerContext context, Shape input) => Math.Max(0, context.Int("num_parameters"));
}
