using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Dropout;

/// <summary>nn.Dropout1d(p=0.5, inplace=False): zeroes whole channels of (N, C, L) or (C, L) inputs; other ranks fail.</summary>
public sealed class Dropout1dRule : DropoutRuleBase
{
    public override string Type => "Dropout1d";

    protected override Diagnostic? CheckRank(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        if (input.Rank is 2 or 3)
        {
            return null;
        }

        return context.Error(DiagnosticCatalog.WrongRank, context.Call.CallSpan, context.Name, "2D or 3D", PyTorchText.Sizes(input)) with
        {
            Notes =
            [
                PyTorchText.RunTime($"RuntimeError: dropout1d: Expected 2D or 3D input, but received a {input.Rank}D input. Note that dropout1d exists to provide "
                    + "channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs)."),
            ],
        };
    }
}
