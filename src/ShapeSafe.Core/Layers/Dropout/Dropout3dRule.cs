using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Dropout;

/// <summary>nn.Dropout3d(p=0.5, inplace=False): zeroes whole channels of (N, C, D, H, W) or (C, D, H, W); PyTorch warns (but runs) on other ranks.</summary>
public sealed class Dropout3dRule : DropoutRuleBase
{
    public override string Type => "Dropout3d";

    protected override Diagnostic? CheckRank(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        if (input.Rank is 4 or 5)
        {
            return null;
        }

        var notes = new List<string>
        {
            PyTorchText.Warns($"dropout3d: Received a {input.Rank}-D input to dropout3d, which is deprecated and will result in an error in a future release. "
                + "To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout "
                + "on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs)."),
        };
        if (input.Rank == 0)
        {
            notes.Add(PyTorchText.Training("RuntimeError: Feature dropout requires at least 2 dimensions in the input"));
        }

        warnings.Add(context.Error(DiagnosticCatalog.DeprecatedInputRank, context.Call.CallSpan, context.Name, "4D or 5D", PyTorchText.Sizes(input),
            "PyTorch warns that this is deprecated; use Dropout for element-wise dropout") with { Notes = notes });
        return null;
    }
}
