using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Reshape;

/// <summary>
/// nn.Flatten(start_dim=1, end_dim=-1): merges dims start_dim..end_dim into one, as torch.flatten:
/// both dims wrap (negative counts from the end), must be in range, and start may not come after end;
/// a 0-dim input becomes 1-dim.
/// </summary>
public sealed class FlattenRule : LayerRule
{
    private static readonly LayerSignature Constructor = new(
        ParameterSpec.Optional("start_dim", ParamType.Int, 1),
        ParameterSpec.Optional("end_dim", ParamType.Int, -1));

    public override string Type => "Flatten";

    public override LayerSignature Signature => Constructor;

    public override LayerOutcome Infer(LayerContext context, Shape input)
    {
        var startDim = context.Int("start_dim");
        var endDim = context.Int("end_dim");
        if (!DimIndex.TryWrap(startDim, input.Rank, out var start))
        {
            return LayerOutcome.Fail(DimIndex.OutOfRange(context, "start_dim", startDim, input.Rank), input);
        }

        if (!DimIndex.TryWrap(endDim, input.Rank, out var end))
        {
            return LayerOutcome.Fail(DimIndex.OutOfRange(context, "end_dim", endDim, input.Rank), input);
        }

        if (start > end)
        {
            var span = context.IsExplicit("start_dim") ? context.SpanOf("start_dim") : context.SpanOf("end_dim");
            return LayerOutcome.Fail(context.Error(DiagnosticCatalog.InvalidLayerConfig, span, context.Name,
                $"start_dim={startDim} is dimension {start} and end_dim={endDim} is dimension {end} of the {input.Rank}D input, so start_dim comes after end_dim") with
            {
                Notes = [PyTorchText.RunTime("RuntimeError: flatten() has invalid args: start_dim cannot come after end_dim")],
            }, input);
        }

        if (input.Rank == 0)
        {
            return LayerOutcome.Ok(new Shape(Dim.Known(1)));
        }

        var output = input.Slice(0, start).Concat([input.Product(start, end + 1)]).Concat(input.Skip(end + 1));
        return LayerOutcome.Ok(output);
    }
}
