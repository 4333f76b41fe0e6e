using ShapeSafe.Diagnostics;
using ShapeSafe.Shapes;

namespace ShapeSafe.Layers.Dropout;

/// <summary>
/// nn.Dropout2d(p=0.5, inplace=False): zeroes whole channels of (N, C, H, W) inputs. PyTorch warns (but runs)
/// on other ranks, and treats a 3-D input as (N, C, L), not as an unbatched (C, H, W).
/// </summary>
public sealed class Dropout2dRule : DropoutRuleBase
{
    public override string Type => "Dropout2d";

    protected override Diagnostic? CheckRank(LayerContext context, Shape input, List<Diagnostic> warnings)
    {
        var span = context.Call.CallSpan;
        if (input.Rank is not (3 or 4))
        {
            var notes = new List<string>
            {
                PyTorchText.Warns($"dropout2d: Received a {input.Rank}-D input to dropout2d, which is deprecated and will result in an error in a future release. "
                    + "To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout "
                    + "on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs)."),
            };
            if (input.Rank < 2)
            {
                notes.Add(PyTorchText.Training("RuntimeError: Feature dropout requires at least 2 dimensions in the input"));
            }

            warnings.Add(context.Error(DiagnosticCatalog.DeprecatedInputRank, span, context.Name, "3D or 4D", PyTorchText.Sizes(input),
                "PyTorch warns that this is deprecated; use Dropout for element-wise dropout") with { Notes = notes });
        }

        if (input.Rank == 3)
        {
            warnings.Add(context.Error(DiagnosticCatalog.DeprecatedInputRank, span, context.Name, "4D", PyTorchText.Sizes(input),
                "PyTorch treats a 3D input as (N, C, L) and drops its channels as Dropout1d does, not as an unbatched (C, H, W)") with
            {
                Notes =
                [
                    PyTorchText.Warns("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is "
                        + "interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input "
                        + "as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead."),
                ],
            });
        }

        return null;
    }
}
